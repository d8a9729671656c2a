"""What a misspelt name was probably meant to be, for the messages that refuse it (the
API's unknown body fields, the agent's unknown settings)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CLOSE_ENOUGH = 0.75
"""`difflib` similarity from which a known name is offered as the one meant."""


def meant(name: str, known: Iterable[str]) -> str:
    """`` (did you mean X?)`` for the known name closest to ``name``, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=CLOSE_ENOUGH)
    return f" (did you mean {close[0]}?)" if close else ""
