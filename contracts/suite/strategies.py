"""Hypothesis strategies for the suite: request bodies at and around the seed's limits.

Lengths come from `around` (inside a limit, its edges drawn often) and `beyond` (just
past it, then further); text is ASCII so that a character is a character however the
server counts. Scripts are harmless at every length: a ``:log info "..."`` line, or a
comment when the length is too short for one, so the suite can point at a real router.
"""

from __future__ import annotations

import json
import string
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tikjobs.contracts.api import DESCRIPTION_MAX, SCRIPT_MAX

SAFE_CHARACTERS: Final = string.ascii_letters + string.digits + " -_.,:"
"""Characters with no meaning inside a RouterOS string or comment."""
LOG_PREFIX: Final = ':log info "tikjobs contract '
FAILING_SCRIPT: Final = ':error "tikjobs contract: failing on purpose"'
REQUIRED_BOOLEANS: Final = ("make_backup", "express_execute", "needs_acknowledgement")
REQUIRED_FIELDS: Final = frozenset({"description", "script", *REQUIRED_BOOLEANS})


def around(low: int, high: int) -> SearchStrategy[int]:
    """Lengths in ``low..high``, its edges and their neighbours drawn often."""
    edges = sorted({low, low + 1, high - 1, high} & set(range(low, high + 1)))
    return st.one_of(st.sampled_from(edges), st.integers(low, high))


def beyond(limit: int, far: int) -> SearchStrategy[int]:
    """Lengths past ``limit``: the first ones often, then anything up to ``far``."""
    return st.one_of(st.sampled_from([limit + 1, limit + 2]), st.integers(limit + 1, far))


def text_of_length(length: int) -> SearchStrategy[str]:
    """Safe text of exactly ``length`` characters that starts with a letter."""
    head = st.sampled_from(string.ascii_letters)
    body = st.text(SAFE_CHARACTERS, max_size=min(max(length - 1, 0), 16))
    return st.builds(lambda first, rest: (first + rest).ljust(length, "x")[:length], head, body)


def harmless_script(length: int, words: str = "") -> str:
    """A script of exactly ``length`` characters that only writes a log line (or, when
    too short for that, is a comment)."""
    room = length - len(LOG_PREFIX) - 1
    if room >= 0:
        return LOG_PREFIX + words.ljust(room, "x")[:room] + '"'
    return ("#" + words).ljust(length, "x")[:length]


def descriptions(lengths: SearchStrategy[int] | None = None) -> SearchStrategy[str]:
    return (around(1, DESCRIPTION_MAX) if lengths is None else lengths).flatmap(text_of_length)


def scripts(lengths: SearchStrategy[int] | None = None) -> SearchStrategy[str]:
    words = st.text(SAFE_CHARACTERS, max_size=24)
    chosen = around(1, SCRIPT_MAX) if lengths is None else lengths
    return st.builds(harmless_script, chosen, words)


def submission(
    description: str,
    script: str,
    *,
    make_backup: bool = False,
    express: bool = False,
    needs_ack: bool = True,
    notify_url: str | None = None,
) -> dict[str, Any]:
    """A job request body in the seed's shape."""
    body: dict[str, Any] = {
        "description": description,
        "script": script,
        "make_backup": make_backup,
        "express_execute": express,
        "needs_acknowledgement": needs_ack,
    }
    if notify_url is not None:
        body["notify_url"] = notify_url
    return body


def submissions(
    *,
    description: SearchStrategy[str] | None = None,
    script: SearchStrategy[str] | None = None,
    make_backup: SearchStrategy[bool] | None = None,
    express: SearchStrategy[bool] | None = None,
    needs_ack: SearchStrategy[bool] | None = None,
    notify_url: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[dict[str, Any]]:
    """Valid job requests (harmless scripts, no backup unless ``make_backup`` says)."""
    return st.builds(
        submission,
        description if description is not None else descriptions(),
        script if script is not None else scripts(st.integers(1, 120)),
        make_backup=make_backup if make_backup is not None else st.just(False),
        express=express if express is not None else st.booleans(),
        needs_ack=needs_ack if needs_ack is not None else st.booleans(),
        notify_url=notify_url if notify_url is not None else st.none(),
    )


_HOSTS: Final = st.sampled_from(["example.com", "notify.example.org", "127.0.0.1", "localhost"])
_DOCUMENTATION_HOSTS: Final = st.sampled_from(["example.com", "example.org", "notify.example.net"])
_PATHS: Final = st.text(string.ascii_lowercase + "/", max_size=12)


def not_https_urls() -> SearchStrategy[str]:
    """notify_url values that do not start with ``https``: other schemes, none, words."""
    schemes = st.sampled_from(["http", "ftp", "ws", "wss", "file", "gopher", "mailto", "data"])
    return st.one_of(
        st.sampled_from(["http://example.com/notify", "example.com/notify", "//example.com/x"]),
        st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}", schemes, _HOSTS, _PATHS),
        st.text(SAFE_CHARACTERS, min_size=1, max_size=40).filter(
            lambda value: not value.strip().lower().startswith("https")
        ),
    )


def https_urls(base: str | None = None) -> SearchStrategy[str]:
    """https:// notify_url values: ``base`` with a query that varies, or example hosts."""
    if base is not None:
        separator = "&" if "?" in base else "?"
        return st.builds(lambda n: f"{base}{separator}case={n}", st.integers(0, 10**6))
    return st.builds(lambda host, path: f"https://{host}/{path}", _DOCUMENTATION_HOSTS, _PATHS)


def wrong_booleans() -> SearchStrategy[Any]:
    """Values of a required boolean that are not a boolean. ``0``, ``1``, ``"0"`` and
    ``"1"`` are left out: some frameworks read them as booleans, the seed does not say."""
    return st.one_of(
        st.none(),
        st.sampled_from(["true", "false", "yes", "no", "on", "off", "", "TRUE"]),
        st.integers().filter(lambda number: number not in (0, 1)),
        st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f not in (0.0, 1.0)),
        st.lists(st.booleans(), max_size=2),
        st.dictionaries(st.sampled_from(["value", "a"]), st.booleans(), max_size=1),
    )


_JSON_VALUES: Final = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _not_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return True
    return False


def bad_bodies() -> SearchStrategy[bytes]:
    """Request bodies that cannot be a job: JSON that is not an object, objects missing a
    required field, broken JSON, bytes that are not text."""
    return st.one_of(
        _JSON_VALUES.filter(lambda value: not isinstance(value, dict)).map(json.dumps),
        st.dictionaries(
            st.sampled_from([*sorted(REQUIRED_FIELDS), "notify_url", "extra"]),
            _JSON_VALUES,
            max_size=4,
        )
        .filter(lambda body: not REQUIRED_FIELDS <= body.keys())
        .map(json.dumps),
        st.sampled_from(['{"description": ', "{", '{"a": 1}}', "[1,", "nul", "{'a': 1}"]),
    ).map(str.encode) | st.binary(min_size=1, max_size=40).filter(_not_json)
