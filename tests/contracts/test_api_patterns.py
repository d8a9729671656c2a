"""The patterns the OpenAPI document states for a job request say exactly what the models
accept: a description or script that is not blank, a notify_url that is an https URL."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from tikjobs.contracts.api import HTTPS_URL_PATTERN, WHITESPACE, AsynchronousRequest


def request(**fields: object) -> AsynchronousRequest:
    body: dict[str, object] = {
        "description": "d",
        "script": ":log info x",
        "make_backup": False,
        "express_execute": False,
        "needs_acknowledgement": True,
    }
    body.update(fields)
    return AsynchronousRequest.model_validate(body)


def test_the_whitespace_class_is_what_strip_removes() -> None:
    space = re.compile(f"[{WHITESPACE}]")
    assert [i for i in range(0x110000) if bool(space.match(chr(i))) != chr(i).isspace()] == []


@pytest.mark.parametrize("text", [" ", "\x1c", "\u3000 \t", "\x85"])
def test_a_blank_description_is_refused_and_the_document_says_so(text: str) -> None:
    pattern = AsynchronousRequest.model_json_schema()["properties"]["description"]["pattern"]
    assert re.search(pattern, text) is None
    with pytest.raises(ValidationError, match="must not be blank"):
        request(description=text)


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://example.com/notify", True),
        ("https://127.0.0.1:8443/notify?case=1#x", True),
        ("https://example.com", True),
        ("http://example.com/notify", False),
        ("https://user@example.com/", False),
        ("https://exa mple.com/", False),
        ("https://example.com/\n", False),
        ("https://éxample.com/", False),
        ("https:///notify", False),
    ],
)
def test_a_notify_url_is_accepted_exactly_when_the_document_pattern_matches(
    url: str, accepted: bool
) -> None:
    schema = AsynchronousRequest.model_json_schema()["properties"]["notify_url"]["anyOf"][0]
    assert schema["pattern"] == HTTPS_URL_PATTERN
    assert (re.fullmatch(HTTPS_URL_PATTERN, url) is not None) is accepted
    if accepted:
        assert request(notify_url=url).notify_url == url
    else:
        with pytest.raises(ValidationError, match="https"):
            request(notify_url=url)
