"""``tikjobs agent enroll``: adopt a router in one command.

``tikjobs agent enroll --cloud URL --code CODE --router ADDRESS --user U`` checks, in
order, that nothing is enrolled at the chosen place already, that the files can be
written there, that the cloud answers (and its certificate is trusted or pinned), and
that the router accepts the login and runs RouterOS 6.43 or later. Only then does it
trade the one-time code for the router's tunnel token (`contracts.enrollment`), and
write three files, each ``0600`` and each put in place atomically (written beside,
synced, renamed): the settings file (no secret in it; ``--owner`` gives it to the
service's user), the token and the password (root's, for systemd's ``LoadCredential=``). A
failure at any step says what to do, exits non-zero and leaves nothing behind; a code is
used up only when everything before it passed. It ends by printing how to start the
service.

The password comes from ``--password-file``, ``TIKJOBS_AGENT_PASSWORD``, or the terminal
(asked without echo); ``--password`` works too, with a warning that ``ps`` shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import os
import pwd
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from tikjobs.agent import config
from tikjobs.agent.cloud_http import CloudEndpoint
from tikjobs.agent.exceptions import AgentError, ConfigError
from tikjobs.agent.router import RouterPool, read_facts
from tikjobs.agent.script_run import version_tuple

DEFAULT_CONFIG = Path("/etc/tikjobs/agent.toml")
DEFAULT_STATE_DIR = Path("/var/lib/tikjobs-agent")
OLDEST_ROUTEROS = (6, 43)
TOKEN_FILE = "router-token"  # noqa: S105 - a file name
PASSWORD_FILE = "router-password"  # noqa: S105 - a file name


class EnrollRefused(AgentError):
    """One check of the enrollment failed; the message says what to do."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cloud", required=True, help="the cloud's URL (https://...)")
    parser.add_argument("--code", required=True, help="the router's one-time enrollment code")
    parser.add_argument("--router", required=True, help="the router's address")
    parser.add_argument("--user", default="admin", help="RouterOS user (default admin)")
    parser.add_argument("--password-file", type=Path, help="file holding the RouterOS password")
    parser.add_argument("--password", help="RouterOS password (shown by ps; avoid)")
    parser.add_argument("--api-port", type=int, default=0, help="API port (8728, 8729 with --tls)")
    parser.add_argument("--tls", action="store_true", help="use the API over TLS")
    parser.add_argument("--ssh-port", type=int, default=22, help="the router's SSH port")
    parser.add_argument("--name", default="", help="a label for this router in logs")
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_CONFIG, help=f"settings file ({DEFAULT_CONFIG})"
    )
    parser.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR, help=f"({DEFAULT_STATE_DIR})"
    )
    parser.add_argument(
        "--owner", help="user who gets the settings file (the service's user, e.g. tikjobs)"
    )
    parser.add_argument("--insecure", action="store_true", help="allow a plain http:// cloud")
    parser.add_argument("--cloud-ca", type=Path, help="CA bundle for the cloud's certificate")
    parser.add_argument("--cloud-pin", help="SHA-256 pin of the cloud's certificate or key")


def run(args: argparse.Namespace) -> int:
    try:
        enrolled = enroll(args, os.environ, ask=getpass.getpass, say=_say)
    except (EnrollRefused, ConfigError) as error:
        print(f"tikjobs agent enroll: {error.message}", file=sys.stderr)
        return 1
    print(start_instructions(enrolled))
    return 0


def _say(line: str) -> None:
    print(line, flush=True)


@dataclass(frozen=True)
class Enrolled:
    router_id: str
    config: Path
    files: tuple[Path, ...]


def enroll(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    *,
    ask: Callable[[str], str],
    say: Callable[[str], None],
) -> Enrolled:
    """Every check, then the trade, then the files; `EnrollRefused` at the first failure."""
    target = args.config.absolute()
    token_path = target.parent / TOKEN_FILE
    password_path = target.parent / PASSWORD_FILE
    for existing in (target, token_path, password_path):
        if existing.exists():
            raise EnrollRefused(
                f"{existing} exists: this machine is enrolled already. Move the files away "
                "first to enroll again (the router's current token stops working once a "
                "new code is traded)."
            )
    _check_writable(target.parent)
    owner = _owner(args.owner)
    if config.plain_cloud(args.cloud) and not args.insecure:
        raise EnrollRefused(
            f"{args.cloud} is not encrypted; use https://, or give --insecure to allow it"
        )
    password = _password(args, environ, ask, say)
    cloud = CloudEndpoint(_http_url(args.cloud), args.cloud_ca, args.cloud_pin)
    _check_cloud(cloud)
    say(f"ok    the cloud answers at {cloud.url}")
    settings = config.validate(
        {
            "cloud": args.cloud,
            "router_token": "not yet",
            "router": args.router,
            "api_port": args.api_port,
            "tls": args.tls,
            "user": args.user,
            "password": password,
            "ssh_port": args.ssh_port,
            "state_dir": args.state_dir,
            "insecure": args.insecure,
            "cloud_ca": args.cloud_ca,
            "cloud_pin": args.cloud_pin,
        }
    )
    version = asyncio.run(_check_router(settings))
    say(f"ok    {args.user}@{settings.router}:{settings.port} logs in (RouterOS {version})")
    enrollment = _trade(cloud, args.code)
    say(f"ok    the code is traded for router {enrollment.router_id}'s token")
    document = settings_document(args, token_path, password_path)
    files = {
        target: document,
        token_path: enrollment.tunnel_token + "\n",
        password_path: password + "\n",
    }
    write_all(files, owners={target: owner} if owner else {})
    for path in files:
        say(f"wrote {path} (0600)")
    return Enrolled(str(enrollment.router_id), target, tuple(files))


def _http_url(cloud: str) -> str:
    scheme, _, rest = cloud.strip().partition("://")
    return {"ws": "http", "wss": "https"}.get(scheme.lower(), scheme.lower()) + "://" + rest


def _check_writable(directory: Path) -> None:
    probe = directory
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise EnrollRefused(f"cannot write in {probe}: run as a user who may, or pick --config")


def _password(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    ask: Callable[[str], str],
    say: Callable[[str], None],
) -> str:
    if args.password_file is not None:
        try:
            return str(args.password_file.read_text(encoding="utf-8").removesuffix("\n"))
        except OSError as error:
            raise EnrollRefused(
                f"cannot read --password-file {args.password_file}: {error.strerror}"
            ) from None
    if args.password is not None:
        say("warn  --password is visible to every user of this machine in ps; prefer "
            "--password-file or TIKJOBS_AGENT_PASSWORD")  # fmt: skip
        return str(args.password)
    from_environment = environ.get(config.ENV_PREFIX + "PASSWORD")
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise EnrollRefused(
            "no password: give --password-file or TIKJOBS_AGENT_PASSWORD, or run on a terminal"
        )
    return ask(f"RouterOS password for {args.user}@{args.router}: ")


def _check_cloud(cloud: CloudEndpoint) -> None:
    try:
        cloud.request("GET", "/openapi.json")
    except AgentError as error:
        raise EnrollRefused(f"the cloud: {error.message}") from None


async def _check_router(settings: config.RouterSettings) -> str:
    where = f"{settings.user}@{settings.router}:{settings.port}"
    pool = RouterPool(settings, 1)
    try:
        facts = await read_facts(pool, settings.connect_timeout)
    except AgentError as error:
        raise EnrollRefused(f"the router ({where}): {error.message}") from None
    finally:
        await pool.close()
    version = facts.software_version or "unknown"
    parts = version_tuple(facts.software_version)
    if parts and parts[:2] < OLDEST_ROUTEROS:
        raise EnrollRefused(f"the router runs RouterOS {version}; 6.43 or later is needed")
    return version


def _trade(cloud: CloudEndpoint, code: str) -> Traded:
    try:
        answer = cloud.request("POST", "/agent/enroll", {"code": code})
    except AgentError as error:
        raise EnrollRefused(f"the cloud: {error.message}") from None
    if answer.status != 200 or not isinstance(answer.body, dict):
        hints = {
            404: "check the code, or issue a new one",
            409: "each code works once; issue a new one for this router",
            410: "issue a new one for this router",
        }
        hint = hints.get(answer.status, "try again, or issue a new code")
        raise EnrollRefused(f"the cloud refused the code: {answer.message()} ({hint})")
    data = answer.body.get("data")
    data = data if isinstance(data, dict) else {}
    router_id, token = data.get("router_id"), data.get("tunnel_token")
    try:
        router = UUID(router_id) if isinstance(router_id, str) else None
    except ValueError:
        router = None
    if router is None or not isinstance(token, str) or not token:
        raise EnrollRefused(
            "the cloud's answer is not an enrollment (a router_id and a tunnel_token): "
            f"{str(answer.body)[:200]}"
        )
    return Traded(router, token)


@dataclass(frozen=True)
class Traded:
    """What the cloud gives for a code (`contracts.enrollment.Enrollment`, read without
    its model so the base install needs no validation library)."""

    router_id: UUID
    tunnel_token: str


def settings_document(args: argparse.Namespace, token: Path, password: Path) -> str:
    """The settings file: what `agent.config` reads, with the secrets as files."""
    values: dict[str, Any] = {
        "name": args.name or None,
        "cloud": args.cloud,
        "router_token_file": str(token),
        "router": args.router,
        "api_port": args.api_port or None,
        "tls": args.tls or None,
        "user": args.user,
        "password_file": str(password),
        "ssh_port": args.ssh_port,
        "state_dir": str(args.state_dir.absolute()),
        "insecure": args.insecure or None,
        "cloud_ca": str(args.cloud_ca.absolute()) if args.cloud_ca else None,
        "cloud_pin": args.cloud_pin,
    }
    lines = ["# tikjobs agent settings, written by tikjobs agent enroll (see agent.config)."]
    for key, value in values.items():
        if value is None:
            continue
        text = json.dumps(value) if isinstance(value, str) else str(value).lower()
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def _owner(name: str | None) -> tuple[int, int] | None:
    if not name:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise EnrollRefused(
            f"--owner {name}: no such user; create it first (deploy/tikjobs-agent.sysusers)"
        ) from None
    return entry.pw_uid, entry.pw_gid


def write_all(
    files: Mapping[Path, str], owners: Mapping[Path, tuple[int, int]] | None = None
) -> None:
    """Write every file ``0600`` beside its place (owned as ``owners`` says), sync, then
    rename each into place; on any failure nothing new is left behind."""
    owners = owners or {}
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    made: list[Path] = []
    try:
        for path, text in files.items():
            made.extend(_make_dirs(path.parent))
            temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
            _write_private(temporary, text)
            staged.append((temporary, path))
            if path in owners:
                os.chown(temporary, *owners[path])
        for temporary, path in staged:
            os.replace(temporary, path)
            placed.append(path)
        for directory in {path.parent for path in files}:
            _sync_directory(directory)
    except OSError as error:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise EnrollRefused(f"cannot write {error.filename}: {error.strerror}") from None


def _make_dirs(directory: Path) -> list[Path]:
    missing = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700)
    return list(reversed(missing))


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def start_instructions(enrolled: Enrolled) -> str:
    return (
        f"\nRouter {enrolled.router_id} is enrolled. Check the site, then start the agent:\n\n"
        f"  tikjobs agent check --config {enrolled.config}\n\n"
        "  # as a systemd service (deploy/tikjobs-agent.service; see docs/deploy.md):\n"
        "  sudo systemctl enable --now tikjobs-agent\n\n"
        "  # or in the foreground:\n"
        f"  tikjobs agent --config {enrolled.config}\n"
    )
