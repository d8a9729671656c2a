"""A job list's ``Link`` header is exactly what Starlette's ``include_query_params`` would
write for the same request: the other parameters kept in order, ``offset`` and ``limit``
set at the end, whatever the query, the host and the page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request

from tikjobs.emulator.api.jobs import page_links

PATH = "/api/routers/6f1c7e1e-3a4b-4c4d-9e8f-0a1b2c3d4e5f/jobs"

NAMES = st.sampled_from(["offset", "limit", "status", "x", "a b", "ü", ""])
VALUES = st.text(max_size=8)
QUERIES = st.lists(st.tuples(NAMES, VALUES), max_size=5)
HOSTS = st.sampled_from(
    [b"127.0.0.1:8080", b"cloud.example.com", b"[::1]:8443", b"EXAMPLE.com:80", None]
)


def starlettes_links(request: Request, offset: int, limit: int, total: int) -> str:
    links = []
    if offset + limit < total:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        links.append(f'<{url}>; rel="next"')
    if offset > 0:
        url = request.url.include_query_params(offset=max(0, offset - limit), limit=limit)
        links.append(f'<{url}>; rel="prev"')
    return ", ".join(links)


def request_for(query: str, host: bytes | None, scheme: str) -> Request:
    headers = [] if host is None else [(b"host", host)]
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "scheme": scheme,
        "server": ("10.0.0.1", 8080),
        "root_path": "",
        "path": PATH,
        "query_string": query.encode(),
        "headers": headers,
    }
    return Request(scope)


@given(
    pairs=QUERIES,
    host=HOSTS,
    scheme=st.sampled_from(["http", "https"]),
    offset=st.integers(0, 50),
    limit=st.integers(1, 20),
    total=st.integers(0, 80),
)
@settings(max_examples=300)
def test_the_links_are_starlettes_byte_for_byte(
    pairs: list[tuple[str, str]],
    host: bytes | None,
    scheme: str,
    offset: int,
    limit: int,
    total: int,
) -> None:
    query = urlencode(pairs)
    links = page_links(request_for(query, host, scheme), offset, limit, total)
    assert links == starlettes_links(request_for(query, host, scheme), offset, limit, total)


def test_a_middle_page_links_both_ways_keeping_the_status_filter() -> None:
    request = request_for("status=pending&limit=5&offset=5", b"cloud.example.com", "https")
    assert page_links(request, 5, 5, 12) == (
        f'<https://cloud.example.com{PATH}?status=pending&offset=10&limit=5>; rel="next", '
        f'<https://cloud.example.com{PATH}?status=pending&offset=0&limit=5>; rel="prev"'
    )
    assert page_links(request_for("", None, "http"), 0, 5, 5) == ""
