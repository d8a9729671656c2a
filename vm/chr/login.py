"""Readiness and the admin password: real RouterOS API logins with librouteros.

How this works
--------------
A forwarded port accepts TCP before the guest listens (QEMU's user network accepts,
then closes when the guest refuses), so an open port proves nothing. A router is ready
once a whole ``/login`` round trip succeeds. `wait_for_login` tries one login after
another, each bounded by the time left, until one succeeds, the router refuses the
credentials (a definite answer, not worth retrying), the machine is gone, or the boot
timeout passes.

`set_password` changes a user's password through the API (``/user/print`` for its
``.id``, then ``/user/set``) and proves it by logging in with the new one. RouterOS 7
asks for a new password at the first console login only; the API logs in with the
empty password of a fresh CHR.

librouteros, OSError and timeouts are translated here into `vm.exceptions`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import librouteros
from librouteros.exceptions import LibRouterosError, TrapError

from tikjobs.vm.exceptions import BootFailed, ChrError

PROBE_TIMEOUT = 5.0
"""Seconds one login attempt may take."""
RETRY_PAUSE = 0.5
"""Seconds between two login attempts."""

_FAILURES = (LibRouterosError, OSError, EOFError, UnicodeError)


def _nothing_gone() -> str | None:
    return None


def _no_console() -> str:
    return ""


def wait_for_login(
    host: str,
    port: int,
    user: str,
    password: str,
    *,
    timeout: float,
    deadline: float | None = None,
    gone: Callable[[], str | None] = _nothing_gone,
    console: Callable[[], str] = _no_console,
) -> None:
    """Return once ``user`` logs in on ``host:port``.

    ``deadline`` (on the `time.monotonic` clock) ends the wait instead of ``timeout``
    from now, which is then only named in the error. ``gone`` answers why the machine
    stopped (None while it runs); ``console`` answers its last console lines for the
    error. `BootFailed` when the machine stops or
    ``timeout`` seconds pass; `ChrError` when the router refuses the credentials.
    """
    if deadline is None:
        deadline = time.monotonic() + timeout
    last = "nothing was tried"
    while True:
        reason = gone()
        if reason is not None:
            raise BootFailed(_with_console(reason, console()), console())
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            message = (
                f"the router did not answer /login on {host}:{port} within {timeout:g} s"
                f" (last attempt: {last}); a disk that boots but is no RouterOS CHR never does"
            )
            raise BootFailed(_with_console(message, console()), console())
        try:
            api = librouteros.connect(
                host, user, password, port=port, timeout=min(PROBE_TIMEOUT, remaining)
            )
        except TrapError as error:
            raise ChrError(
                f"{host}:{port} refused the login of {user!r}: {error.message}"
                " (give the user's current password)"
            ) from None
        except _FAILURES as error:
            last = describe(error)
        else:
            api.close()
            return
        time.sleep(max(0.0, min(RETRY_PAUSE, deadline - time.monotonic())))


def set_password(
    host: str,
    port: int,
    user: str,
    password: str,
    new_password: str,
    *,
    timeout: float = PROBE_TIMEOUT,
) -> None:
    """Give ``user`` the password ``new_password`` and prove it logs in. `ChrError`."""
    where = f"{host}:{port}"
    try:
        api = librouteros.connect(host, user, password, port=port, timeout=timeout)
    except TrapError as error:
        raise ChrError(f"{where} refused the login of {user!r}: {error.message}") from None
    except _FAILURES as error:
        raise ChrError(f"cannot log in to {where}: {describe(error)}") from None
    try:
        rows = list(api.rawCmd("/user/print", f"?name={user}", "=.proplist=.id"))
        if not rows or ".id" not in rows[0]:
            raise ChrError(f"{where} has no user {user!r}")
        list(api.rawCmd("/user/set", f"=.id={rows[0]['.id']}", f"=password={new_password}"))
    except TrapError as error:
        raise ChrError(f"{where} refused the new password: {error.message}") from None
    except _FAILURES as error:
        raise ChrError(f"{where} dropped while the password was set: {describe(error)}") from None
    finally:
        api.close()
    try:
        librouteros.connect(host, user, new_password, port=port, timeout=timeout).close()
    except TrapError as error:
        raise ChrError(f"the new password of {user!r} does not log in: {error.message}") from None
    except _FAILURES as error:
        raise ChrError(f"cannot log in to {where} again: {describe(error)}") from None


def describe(error: BaseException) -> str:
    """A third-party error in a few words."""
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    text = str(error).strip()
    return text or type(error).__name__


def _with_console(message: str, console: str) -> str:
    if not console:
        return message
    return f"{message}\nlast console lines:\n{console}"
