"""Properties of what ``POST /api/asynchronous/{router_id}`` accepts and refuses.

The seed's limits, each probed at and around its edge: a description of 1..100
characters and a script of 1..2000 are accepted, one character more is refused; each of
the three required booleans, missing or of another type, is refused; a notify_url that
does not start with https is refused. A refusal is a 4xx that names the field; no bad
body, whatever it is, gets a 5xx.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from tikjobs.contracts.api import DESCRIPTION_MAX, SCRIPT_MAX
from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.exceptions import ContractViolation
from tikjobs.contracts.suite.run import Run
from tikjobs.contracts.suite.strategies import (
    REQUIRED_BOOLEANS,
    around,
    bad_bodies,
    beyond,
    descriptions,
    harmless_script,
    https_urls,
    not_https_urls,
    scripts,
    submission,
    wrong_booleans,
)

DESCRIPTION_FAR = 1000
SCRIPT_FAR = 8000


def _base() -> dict[str, Any]:
    return submission("tikjobs contract validation", harmless_script(40, "validation"))


def description_length(run: Run) -> None:
    """A description of 1..100 characters is accepted; 101 and more are refused."""

    @run.settings()
    @given(
        description=st.one_of(
            descriptions(around(1, DESCRIPTION_MAX)),
            descriptions(beyond(DESCRIPTION_MAX, DESCRIPTION_FAR)),
        )
    )
    @example(description="d")
    @example(description="d" * DESCRIPTION_MAX)
    @example(description="d" * (DESCRIPTION_MAX + 1))
    def check(description: str) -> None:
        body = {**_base(), "description": description}
        what = f"a description of {len(description)} characters"
        if len(description) <= DESCRIPTION_MAX:
            run.submitted(body, what=what)
        else:
            checks.refused_naming(run.api.submit(body), "description", what)

    check()


def script_length(run: Run) -> None:
    """A script of 1..2000 characters is accepted; 2001 and more are refused."""

    @run.settings()
    @given(
        script=st.one_of(scripts(around(1, SCRIPT_MAX)), scripts(beyond(SCRIPT_MAX, SCRIPT_FAR)))
    )
    @example(script=harmless_script(1))
    @example(script=harmless_script(SCRIPT_MAX))
    @example(script=harmless_script(SCRIPT_MAX + 1))
    def check(script: str) -> None:
        body = {**_base(), "script": script}
        what = f"a script of {len(script)} characters"
        if len(script) <= SCRIPT_MAX:
            run.submitted(body, what=what)
        else:
            checks.refused_naming(run.api.submit(body), "script", what)

    check()


def required_booleans(run: Run) -> None:
    """make_backup, express_execute and needs_acknowledgement, missing or not a boolean,
    are refused naming the field."""

    @run.settings()
    @given(field=st.sampled_from(REQUIRED_BOOLEANS), missing=st.booleans(), value=wrong_booleans())
    @example(field="make_backup", missing=True, value=None)
    @example(field="express_execute", missing=True, value=None)
    @example(field="needs_acknowledgement", missing=True, value=None)
    @example(field="needs_acknowledgement", missing=False, value="false")
    @example(field="express_execute", missing=False, value=None)
    def check(field: str, missing: bool, value: Any) -> None:
        body = _base()
        if missing:
            del body[field]
            what = f"a job without {field}"
        else:
            body[field] = copy.deepcopy(value)
            what = f"a job with {field}={value!r}"
        checks.refused_naming(run.api.submit(body), field, what)

    check()


def notify_url_https(run: Run) -> None:
    """A notify_url that does not start with https is refused naming the field; an
    https one is accepted."""
    accepted = https_urls(run.target.notify_sink)

    @run.settings()
    @given(
        case=st.one_of(
            not_https_urls().map(lambda url: (url, False)), accepted.map(lambda url: (url, True))
        )
    )
    @example(case=("http://example.com/notify", False))
    @example(case=("example.com/notify", False))
    def check(case: tuple[str, bool]) -> None:
        url, is_https = case
        body = {**_base(), "notify_url": url}
        what = f"a job with notify_url={url!r}"
        if is_https:
            result = run.submitted(body, what=what)
            if result["notify_url"] != url:
                raise ContractViolation(
                    f"{what}: the answer's notify_url is {result['notify_url']!r}"
                )
        else:
            checks.refused_naming(run.api.submit(body), "notify_url", what)

    check()


def bad_bodies_refused(run: Run) -> None:
    """Any body that cannot be a job (not JSON, not an object, fields missing) is a 4xx
    with a message, never a 5xx."""

    @run.settings()
    @given(body=bad_bodies())
    @example(body=b"[]")
    @example(body=b"null")
    @example(body=b'"text"')
    @example(body=b"{")
    @example(body=b"{}")
    def check(body: bytes) -> None:
        checks.refusal(run.api.submit(body), f"the body {body[:60]!r}")

    check()
