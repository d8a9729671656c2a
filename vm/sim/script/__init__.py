"""The RouterOS script interpreter of the simulated router.

`run_script` parses a whole script (a syntax error runs nothing) and runs it against a
`vm.sim.command.Console`: every console line on a menu becomes a `Command` for
``console.execute``, ``:global`` variables live in ``console.globals`` and ``:delay``
calls ``console.sleep``. It answers what the script wrote (``:put``, ``print``,
``/export``) and raises `vm.exceptions.ScriptError` worded as RouterOS words it
(``syntax error (line 1 column 6)``); an error a command raised ends the script as the
`vm.exceptions.RouterOSError` the console raised.

The modules, from characters to effects: `lexer` (the cursor, escapes, quoting),
`parser` (command lines) and `expressions` (inside ``( )`` and after ``where``) into
`nodes` (the tree); `values` (the types), `operators` and `formats` (``:convert``,
JSON); `interpreter` (scopes, expressions, calls) with `builtins` and `control` (the
``:`` commands) and `console` (menu commands as `Command`\\ s) with `render` (what
``print`` writes).
"""

from __future__ import annotations

from tikjobs.vm.sim.command import Console
from tikjobs.vm.sim.script import control
from tikjobs.vm.sim.script.builtins import COMMANDS
from tikjobs.vm.sim.script.interpreter import Interpreter, Write
from tikjobs.vm.sim.script.lexer import quote
from tikjobs.vm.sim.script.parser import parse


def run_script(source: str, console: Console, write: Write | None = None) -> str:
    """Run ``source`` and answer its console output.

    ``write`` receives the output piece by piece as the script writes it, so what a
    failing script wrote before its error is not lost.
    """
    return Interpreter(console, COMMANDS, write).run(source)


def interpreter(console: Console, write: Write | None = None) -> Interpreter:
    """An interpreter for ``console``; its ``output`` keeps what a failed run wrote."""
    return Interpreter(console, COMMANDS, write)


__all__ = ["Interpreter", "Write", "control", "interpreter", "parse", "quote", "run_script"]
