"""The router-side record of a job: the marker script that says a key started and finished.

How this works
--------------
A job's script is sent to the router wrapped in lines of its own::

    /system script add name="tikjobs-<key>" source="" comment="tikjobs: started"
    :local tikjobsScript do={
    <the job's script, unchanged>
    }
    :local tikjobsReturned [$tikjobsScript]
    /system script set [find name="tikjobs-<key>"] comment="tikjobs: finished"
    :put "tikjobs: finished <key>"

The job's script is the body of a function so that a top-level ``:return`` (which
RouterOS takes as the end of the script it is in) ends the job's part and not the
whole run: the finish line still runs and the job completes. Its ``:local`` names live
in the function's scope, its ``:global`` names are the router's as ever.
RouterOS parses the whole script before it runs any of it, so a syntax error anywhere
leaves no marker. Once it runs, the first line leaves a ``/system/script`` item the router
keeps through reboots and the agent's loss; a second run of the same key stops at that
line, since RouterOS refuses a second script with the same name. After the run the
marker's comment tells the outcome: ``finished`` (the finish line ran), ``started`` (the
script stopped part way, or is still running), or ``failed`` (set by the agent once it
reported the failure).

The last line prints that the finish line ran (`finished_output`). RouterOS stops a
script at its first error and prints the error last, so an answer whose last line is
that one comes from a run whose marker says ``finished``: the agent takes the outcome
from the answer and reads the marker only when the answer does not say so (an error, a
lost connection, an agent that restarted). It is the same fact the marker holds, read
one round trip sooner; the marker stays the record that outlives the answer.

Everything here is text in, text out; `agent.jobs` does the talking.
"""

from __future__ import annotations

import enum
import re

PREFIX = "tikjobs-"
STARTED = "tikjobs: started"
FINISHED = "tikjobs: finished"
FAILED = "tikjobs: failed"
ROLLED_BACK = "tikjobs: rolled back"
FUNCTION = "tikjobsScript"
LINES_BEFORE = 2
"""Lines of the wrapped script before the job's first line."""

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_PLACE = re.compile(r"\(line (\d+) column (\d+)\)")


class MarkerState(enum.Enum):
    """What a marker's comment says about its run."""

    STARTED = "started"
    FINISHED = "finished"
    FAILED = "failed"
    ROLLED_BACK = "rolled back"


_COMMENTS = {
    STARTED: MarkerState.STARTED,
    FINISHED: MarkerState.FINISHED,
    FAILED: MarkerState.FAILED,
    ROLLED_BACK: MarkerState.ROLLED_BACK,
}


def is_usable_key(key: str) -> bool:
    """Whether an idempotency key can name a marker (letters, digits, ``-_.``), so it can
    never break out of the quoted name in the wrapped script."""
    return _KEY.fullmatch(key) is not None


def marker_name(key: str) -> str:
    """The ``/system/script`` name of a key's marker; also the stem of its backup files."""
    if not is_usable_key(key):
        raise ValueError(f"{key!r} cannot name a marker")
    return PREFIX + key


def key_of(name: str) -> str | None:
    """The key a marker name stands for, or None for any other script name."""
    if not name.startswith(PREFIX):
        return None
    key = name[len(PREFIX) :]
    return key if is_usable_key(key) else None


def wrap(script: str, key: str) -> str:
    """The script the router runs for a job: marker, the job's script, finish lines."""
    name = marker_name(key)
    return (
        f'/system script add name="{name}" source="" comment="{STARTED}"\n'
        f":local {FUNCTION} do={{\n"
        f"{script}\n"
        "}\n"
        f":local tikjobsReturned [${FUNCTION}]\n"
        f'/system script set [find name="{name}"] comment="{FINISHED}"\n'
        f':put "{_finished_line(key)}"'
    )


def finished_output(said: str, key: str) -> str | None:
    """What the job's script printed, when the answer of its wrapped run ends with the
    line `wrap` prints after the finish line; None when it does not (the run failed, or
    what it printed is not all there)."""
    line = _finished_line(key)
    for ending in ("\r\n", "\n"):
        printed = said.removesuffix(line + ending)
        if printed != said and (not printed or printed.endswith("\n")):
            return printed
    return None


def _finished_line(key: str) -> str:
    return f"{FINISHED} {key}"


def state_of(comment: str | None) -> MarkerState:
    """The state a marker's comment records; anything unexpected counts as started
    (the run's outcome is then unknown, never assumed good)."""
    return _COMMENTS.get((comment or "").strip(), MarkerState.STARTED)


def split_failure(said: str) -> tuple[str | None, str]:
    """What a failed run printed, and RouterOS's error, from ``/execute =as-string=``.

    RouterOS answers a run that failed part way with the console output it wrote, then
    the error on the last line.
    """
    printed, _, message = said.rstrip("\r\n").rpartition("\n")
    printed = printed.rstrip("\r\n")
    return (printed or None), message.strip("\r")


def script_error(message: str, script: str) -> str:
    """A RouterOS error about the wrapped script, placed in the job's own script.

    ``(line N column C)`` moves up `LINES_BEFORE` lines (the marker and function lines
    are not the job's). A place past the job's last line (the parser read on into the
    closing lines looking for the end of an unfinished command) is the end of the job's
    script.
    """
    lines = script.split("\n")

    def place(match: re.Match[str]) -> str:
        line, column = int(match.group(1)) - LINES_BEFORE, int(match.group(2))
        if line < 1:
            return match.group(0)
        if line > len(lines):
            line, column = len(lines), len(lines[-1]) + 1
        return f"(line {line} column {column})"

    return _PLACE.sub(place, message)
