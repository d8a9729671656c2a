"""The operator console: server-rendered pages at ``/console`` for people, beside the API.

Routers, the orchestration log (live, over Server-Sent Events), each job's timeline and
notifications, backups with a side-by-side diff, failing notifications with "deliver
again", and the operator's controls. Pages are Jinja2 templates (`templates/`) rendered
on the server and readable without JavaScript; htmx with its SSE extension (vendored in
`static/`, see ``static/SOURCES.md``) only adds live updates and in-place forms. There is
no build step. Sign-in, tenancy, CSRF and the Content-Security-Policy are in
`emulator.console.session`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tikjobs.emulator.console import jobs, pages
from tikjobs.emulator.console.feed import JobFeed

STATIC = Path(__file__).parent / "static"


def install_console(app: FastAPI) -> JobFeed:
    """Mount the console on ``app``; answers the feed its live pages wait on (the caller
    makes it an observer of the engine, and closes it when the server stops)."""
    app.include_router(jobs.router)
    app.include_router(pages.router)
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
    feed = JobFeed()
    app.state.console_feed = feed
    return feed
