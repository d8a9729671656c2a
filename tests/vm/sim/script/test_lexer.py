"""Characters of a script: escapes, line joins, places in the source and quoting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vm.sim.script.conftest import ModelConsole
from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.script import quote, run_script
from tikjobs.vm.sim.script.lexer import Scanner
from tikjobs.vm.sim.script.nodes import Position


@pytest.fixture(scope="module")
def shared_console() -> ModelConsole:
    """One console for many examples; the scripts here only write output."""
    return ModelConsole(RouterModel())


@pytest.mark.parametrize(
    ("literal", "text"),
    [
        (r'"say \"hi\""', 'say "hi"'),
        (r'"back\\slash"', "back\\slash"),
        (r'"a\nb\tc\rd"', "a\nb\tc\rd"),
        (r'"costs \$5"', "costs $5"),
        (r'"what\?"', "what?"),
        (r'"a\_b"', "a b"),
        (r'"\48\45\4C\4C\4F"', "HELLO"),
        (r'"\C3\A4"', "ä"),
        ('"line one \\\n    continued"', "line one continued"),
        ('"# not a comment"', "# not a comment"),
    ],
)
def test_string_escapes(shared_console: ModelConsole, literal: str, text: str) -> None:
    assert shared_console.run(f":put {literal}") == text + "\n"


def test_an_unknown_escape_is_a_syntax_error_at_the_backslash(
    shared_console: ModelConsole,
) -> None:
    with pytest.raises(ScriptError, match=r"^syntax error \(line 1 column 9\)$") as caught:
        shared_console.run(r':put "ab\q"')
    assert (caught.value.line, caught.value.column) == (1, 9)


def test_an_unterminated_string_is_a_syntax_error(shared_console: ModelConsole) -> None:
    with pytest.raises(ScriptError, match=r"^syntax error \(line 2 column 6\)"):
        shared_console.run(':put 1\n:put "open')


def test_a_backslash_at_the_end_of_a_line_joins_it_to_the_next(
    shared_console: ModelConsole,
) -> None:
    assert shared_console.run(":put (1 + \\\n    2)\n:put \\\n  done") == "3\ndone\n"


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_every_line_end_ends_a_command(shared_console: ModelConsole, line_end: str) -> None:
    assert shared_console.run(line_end.join([":put 1", "# comment", ":put 2"])) == "1\n2\n"


def test_comments_start_where_a_command_could(shared_console: ModelConsole) -> None:
    source = "# heading\n:put a; # after a command\n  # indented\n:put b"
    assert shared_console.run(source) == "a\nb\n"


def test_positions_are_one_based_lines_and_columns() -> None:
    scanner = Scanner("ab\ncd\n\nef")
    assert scanner.position(0) == Position(1, 1)
    assert scanner.position(4) == Position(2, 2)
    assert scanner.position(6) == Position(3, 1)
    assert scanner.position(8) == Position(4, 2)


SCRIPT_TEXT = st.text() | st.text(alphabet='$v[](){};"\\ \n\t\r?#=ä')


@given(SCRIPT_TEXT)
def test_quoted_text_reads_back_unchanged(shared_console: ModelConsole, text: str) -> None:
    """Quoting escapes everything the console would read as syntax: ``$v`` stays text
    even where a variable ``v`` exists."""
    source = f':local v "X"; :put {quote(text)}'
    assert run_script(source, shared_console) == text + "\n"
