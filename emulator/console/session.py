"""Who is looking at the console: sign-in cookies, the viewer's tenancy, CSRF, and headers.

How this works
--------------
Signing in posts an API key or the admin token; once it checks out it is kept in the
``tikjobs_console`` cookie (HttpOnly, SameSite=Strict, Path=/console, Secure when the
console is served over https) and every request resolves it again, exactly as the API
resolves a Bearer key: an API key sees its customer's routers and jobs only (another
customer's are "not found"), the admin token sees everything and the emulator's
controls. Nothing is shown without one.

Every form carries a CSRF token: the HMAC, under a key derived from the admin token, of a
random ``tikjobs_csrf`` cookie the console sets on first visit. A POST whose token does
not match its cookie is refused (403) before anything happens; several emulators sharing
an admin token accept each other's tokens. Every console answer carries a strict
Content-Security-Policy (scripts and styles from the console's own files only, no
inline code, no framing), ``X-Content-Type-Options: nosniff`` and no caching.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from uuid import UUID

from fastapi import Request, Response

from tikjobs.emulator.api.deps import Services, key_record, services_of
from tikjobs.emulator.auth import parse_key
from tikjobs.emulator.exceptions import EmulatorError, Forbidden
from tikjobs.emulator.store import RouterRecord

SESSION_COOKIE = "tikjobs_console"
CSRF_COOKIE = "tikjobs_csrf"
CSRF_FIELD = "csrf"
COOKIE_PATH = "/console"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Viewer:
    """Who signed in: a customer (by API key) or the operator (admin token)."""

    customer_id: UUID | None
    """The customer whose routers and jobs are shown; ``None`` for the operator."""

    @property
    def is_admin(self) -> bool:
        return self.customer_id is None

    def sees(self, owner: UUID) -> bool:
        """Whether something of customer ``owner`` is visible to this viewer."""
        return self.customer_id is None or self.customer_id == owner

    def sees_router(self, router: RouterRecord | None) -> bool:
        return router is not None and self.sees(router.customer_id)


class NotSignedIn(EmulatorError):
    """No valid credentials in the console's cookie: the page sends the viewer to sign in."""

    status_code = 401
    code = "not_signed_in"


async def viewer_for(credential: str, services: Services) -> Viewer | None:
    """The viewer a presented API key or admin token stands for; ``None`` when it is
    neither (the same checks as the API's Bearer keys and the controls' token)."""
    credential = credential.strip()
    admin = services.settings.admin_token.get_secret_value().encode()
    if credential and hmac.compare_digest(credential.encode(), admin):
        return Viewer(customer_id=None)
    try:
        presented = parse_key(credential)
    except EmulatorError:
        return None
    record = await key_record(presented, services)
    return None if record is None else Viewer(customer_id=record.customer_id)


async def current_viewer(request: Request) -> Viewer:
    """The signed-in viewer of a console request; `NotSignedIn` otherwise."""
    credential = request.cookies.get(SESSION_COOKIE)
    viewer = None if not credential else await viewer_for(credential, services_of(request))
    if viewer is None:
        raise NotSignedIn("sign in with an API key or the admin token")
    request.state.viewer = viewer
    return viewer


def _csrf_key(services: Services) -> bytes:
    admin = services.settings.admin_token.get_secret_value().encode()
    return hashlib.sha256(b"tikjobs console csrf\x00" + admin).digest()


def csrf_seed(request: Request) -> str:
    """The browser's CSRF cookie, or a new one (`remember_csrf` sets it)."""
    seed = request.cookies.get(CSRF_COOKIE)
    if seed is None or len(seed) != 43:
        seed = getattr(request.state, "csrf_seed", None) or secrets.token_urlsafe(32)
        request.state.csrf_seed = seed
    return seed


def csrf_token(request: Request) -> str:
    """The token this browser's forms carry."""
    digest = hmac.new(_csrf_key(services_of(request)), csrf_seed(request).encode(), "sha256")
    return digest.hexdigest()


def check_csrf(request: Request, presented: str | None) -> None:
    """Refuse (403) a form post whose CSRF token does not match the browser's cookie."""
    seed = request.cookies.get(CSRF_COOKIE)
    if not seed or not presented:
        raise Forbidden("the form's CSRF token is missing; reload the page and try again")
    expected = hmac.new(_csrf_key(services_of(request)), seed.encode(), "sha256").hexdigest()
    if not hmac.compare_digest(expected, presented):
        raise Forbidden("the form's CSRF token does not match; reload the page and try again")


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def remember_csrf(request: Request, response: Response) -> None:
    """Set the CSRF cookie when this request made a new one."""
    seed = getattr(request.state, "csrf_seed", None)
    if seed is not None:
        response.set_cookie(
            CSRF_COOKIE,
            seed,
            path=COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
        )


def sign_in(request: Request, response: Response, credential: str) -> None:
    """Keep ``credential`` (checked already) in the session cookie."""
    response.set_cookie(
        SESSION_COOKIE,
        credential.strip(),
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


def sign_out(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict", secure=_secure(request)
    )


def secure(response: Response) -> Response:
    """``response`` with the console's security headers."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
