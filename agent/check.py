"""``tikjobs agent check``: check a site's set-up before the first job fails, and say how
to fix each thing that is wrong.

For every router of the settings (the same options, environment and file as ``tikjobs
agent``) it checks, in order: the cloud answers and its certificate is trusted or
pinned; the router's API takes the login (plain or TLS, as configured); the RouterOS
user's group has every policy jobs need; SFTP works; the RouterOS version is supported;
the router's clock and the cloud's agree with this machine's; the state directory is
writable and the ledger readable. It prints one table row per check, ``ok`` or
``FAIL`` with the fix, and exits 0 only when every check passed. Nothing is changed on
the router, and the state directory is only probed (a file made and removed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from tikjobs.agent import cli as agent_cli
from tikjobs.agent.cloud_http import CloudEndpoint
from tikjobs.agent.config import RouterSettings
from tikjobs.agent.exceptions import AgentError, ConfigError, FileTransferError, RouterTrapped
from tikjobs.agent.ledger import read_entries
from tikjobs.agent.router import RouterPool, read_facts
from tikjobs.agent.runtime import ledger_path
from tikjobs.agent.script_run import version_tuple

OLDEST_ROUTEROS = (6, 43)
MAX_SKEW = timedelta(seconds=60)
NEEDED_POLICIES: tuple[tuple[str, str], ...] = (
    ("read", "read the router's facts and markers"),
    ("write", "change configuration"),
    ("api", "log in over the API"),
    ("policy", "add and remove the job markers"),
    ("test", "run scripts with /execute"),
    ("sensitive", "take backups and exports"),
    ("ftp", "fetch backups over SFTP"),
    ("ssh", "fetch backups over SFTP"),
)


@dataclass(frozen=True)
class Finding:
    """One check: what was checked, whether it passed, what was seen, how to fix it."""

    check: str
    ok: bool
    seen: str
    fix: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    agent_cli.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    try:
        routers = agent_cli.settings_from(args)
    except ConfigError as error:
        print(f"tikjobs agent check: {error}", file=sys.stderr)
        return 2
    passed = True
    for settings in routers:
        findings = asyncio.run(check_site(settings))
        print(render(settings.label, findings))
        passed = passed and all(finding.ok for finding in findings)
    print("all checks passed" if passed else "some checks failed: see the fixes above")
    return 0 if passed else 1


def render(label: str, findings: list[Finding]) -> str:
    """The findings as a table: check, result, what was seen, and the fix."""
    width = max(len(finding.check) for finding in findings)
    lines = [f"{label}", f"  {'check':<{width}}  result  detail"]
    for finding in findings:
        result = "ok" if finding.ok else "FAIL"
        lines.append(f"  {finding.check:<{width}}  {result:<6}  {finding.seen}")
        if finding.fix:
            lines.append(f"  {'':<{width}}  {'fix':<6}  {finding.fix}")
    return "\n".join(lines)


async def check_site(settings: RouterSettings) -> list[Finding]:
    """Every check for one router, in order."""
    findings = [await asyncio.to_thread(check_cloud, settings)]
    pool = RouterPool(settings, 1)
    try:
        login = await _guard("router API login", lambda: check_login(settings, pool))
        findings.append(login)
        if login.ok:
            findings.append(await _guard("user policies", lambda: check_policies(settings, pool)))
            findings.append(await _guard("RouterOS version", lambda: check_version(pool)))
            findings.append(await _guard("router clock", lambda: check_router_clock(pool)))
        else:
            for name in ("user policies", "RouterOS version", "router clock"):
                findings.append(Finding(name, False, "not checked: the login failed"))
    finally:
        await pool.close()
    findings.append(await asyncio.to_thread(check_sftp, settings))
    findings.append(check_state_dir(settings))
    return findings


async def _guard(name: str, check: Callable[[], Awaitable[Finding]]) -> Finding:
    try:
        return await check()
    except AgentError as error:
        return Finding(name, False, error.message, "see the router API login check")


def check_cloud(settings: RouterSettings) -> Finding:
    url = settings.clouds[0]
    scheme, _, rest = url.partition("://")
    http_url = {"ws": "http", "wss": "https"}.get(scheme.lower(), scheme.lower()) + "://" + rest
    endpoint = CloudEndpoint(http_url, settings.cloud_ca, settings.cloud_pin)
    try:
        answer = endpoint.request("GET", "/openapi.json")
    except AgentError as error:
        fix = "check the URL, DNS and the firewall towards the cloud"
        if "certificate" in error.message or "pin" in error.message:
            fix = "give --cloud-ca with the cloud's CA, or --cloud-pin with its fingerprint"
        return Finding("cloud reachable", False, error.message, fix)
    trust = "plain HTTP (--insecure)" if not endpoint.secure else "certificate trusted"
    if endpoint.secure and settings.cloud_pin:
        trust = "certificate pinned"
    seen = f"{http_url} answers HTTP {answer.status}, {trust}"
    skew = _skew(answer.date)
    if skew is not None and abs(skew) > MAX_SKEW:
        return Finding(
            "cloud reachable",
            False,
            f"{seen}; this machine's clock is {skew.total_seconds():+.0f} s off the cloud's",
            "run NTP on this machine (timedatectl set-ntp true)",
        )
    return Finding("cloud reachable", True, seen)


def _skew(date: str | None) -> timedelta | None:
    if not date:
        return None
    try:
        theirs = parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return None
    return datetime.now(UTC) - theirs


async def check_login(settings: RouterSettings, pool: RouterPool) -> Finding:
    mode = "TLS (api-ssl)" if settings.tls else "plain"
    name = f"router API login ({mode})"
    where = f"{settings.user}@{settings.router}:{settings.port}"
    try:
        async with pool.connection():
            pass
    except AgentError as error:
        fix = "check the address, that /ip service api is enabled and reachable from here"
        if "refused the login" in error.message:
            fix = (
                "check the user name and password (user/password settings), and that the "
                "user's group has the api policy (RouterOS refuses a login without it as it "
                "refuses a wrong password)"
            )
        elif settings.tls:
            fix = "check /ip service api-ssl has a certificate, or --tls-ca-file/--no-tls-verify"
        return Finding(name, False, error.message, fix)
    return Finding(name, True, f"{where} logged in")


async def check_policies(settings: RouterSettings, pool: RouterPool) -> Finding:
    users = (
        await pool.run("/user/print", ["=.proplist=name,group", f"?name={settings.user}"])
    ).raise_traps()
    if not users.rows:
        return Finding("user policies", False, f"cannot see user {settings.user}", "give it read")
    group = users.rows[0].get("group", "")
    groups = (
        await pool.run("/user/group/print", ["=.proplist=name,policy", f"?name={group}"])
    ).raise_traps()
    policy = groups.rows[0].get("policy", "") if groups.rows else ""
    granted = {word for word in policy.split(",") if word and not word.startswith("!")}
    missing = [(word, why) for word, why in NEEDED_POLICIES if word not in granted]
    if not missing:
        return Finding("user policies", True, f"group {group} has every policy jobs need")
    names = ",".join(word for word, _ in missing)
    reasons = "; ".join(f"{word}: {why}" for word, why in missing)
    wanted = ",".join(sorted(granted | {word for word, _ in missing}))
    return Finding(
        "user policies",
        False,
        f"group {group} lacks {names} ({reasons})",
        f'/user group set [find name="{group}"] policy={wanted}',
    )


async def check_version(pool: RouterPool) -> Finding:
    facts = await read_facts(pool, 10.0)
    version = facts.software_version or "unknown"
    parts = version_tuple(facts.software_version)
    if not parts:
        return Finding("RouterOS version", False, f"cannot tell the version ({version})")
    if parts[:2] < OLDEST_ROUTEROS:
        return Finding("RouterOS version", False, f"RouterOS {version}", "upgrade to 6.43 or later")
    note = "; outputs over 4 KiB are cut off on RouterOS 6" if parts[0] < 7 else ""
    return Finding("RouterOS version", True, f"RouterOS {version} is supported{note}")


async def check_router_clock(pool: RouterPool) -> Finding:
    try:
        answer = (await pool.run("/system/clock/print")).raise_traps()
    except RouterTrapped as error:
        return Finding("router clock", False, f"cannot read the clock: {error.message}")
    row = answer.rows[0] if answer.rows else {}
    theirs = _router_time(row)
    if theirs is None:
        return Finding("router clock", False, f"cannot read the clock: {row}")
    skew = datetime.now(UTC) - theirs
    seen = f"{skew.total_seconds():+.0f} s from this machine"
    if abs(skew) > MAX_SKEW:
        return Finding(
            "router clock", False, seen, "/system ntp client set enabled=yes servers=pool.ntp.org"
        )
    return Finding("router clock", True, seen)


def _router_time(row: dict[str, str]) -> datetime | None:
    date, time_text = row.get("date", ""), row.get("time", "")
    for layout in ("%Y-%m-%d %H:%M:%S", "%b/%d/%Y %H:%M:%S"):
        try:
            local = datetime.strptime(f"{date.title()} {time_text}", layout)
            break
        except ValueError:
            continue
    else:
        return None
    offset = row.get("gmt-offset", "+00:00")
    sign = -1 if offset.startswith("-") else 1
    hours, _, minutes = offset.lstrip("+-").partition(":")
    try:
        shift = timedelta(hours=int(hours or 0), minutes=int(minutes or 0)) * sign
    except ValueError:
        shift = timedelta()
    return (local - shift).replace(tzinfo=UTC)


def check_sftp(settings: RouterSettings) -> Finding:
    """SFTP as a backup uses it, against a copy of known_hosts (nothing is written)."""
    from tikjobs.agent.backup import _session  # paramiko: imported only when checked

    with tempfile.TemporaryDirectory(prefix="tikjobs-check-") as scratch:
        copy = Path(scratch) / "known_hosts"
        if settings.known_hosts.is_file():
            shutil.copyfile(settings.known_hosts, copy)
        probe = replace(settings, ssh_known_hosts=copy)
        where = f"{settings.user}@{settings.router}:{settings.ssh_port}"
        try:
            client, sftp = _session(probe)
        except FileTransferError as error:
            fix = "enable /ip service ssh, and give the user the ssh and ftp policies"
            if "host key" in error.message:
                fix = f"the router's SSH key changed: check it, then edit {settings.known_hosts}"
            return Finding("SFTP", False, error.message, fix)
        try:
            sftp.listdir(".")
        except OSError as error:
            return Finding("SFTP", False, f"{where}: cannot list files: {error}", "")
        finally:
            client.close()
    return Finding("SFTP", True, f"{where} lists the router's files")


def check_state_dir(settings: RouterSettings) -> Finding:
    directory = settings.state_dir
    probe_in = directory
    while not probe_in.exists() and probe_in != probe_in.parent:
        probe_in = probe_in.parent
    try:
        descriptor, name = tempfile.mkstemp(prefix=".tikjobs-check-", dir=probe_in)
        os.close(descriptor)
        os.unlink(name)
    except OSError as error:
        return Finding(
            "state directory",
            False,
            f"{probe_in} is not writable: {error.strerror}",
            f"chown the agent's user {directory} (or pick --state-dir)",
        )
    ledger = ledger_path(settings)
    if not ledger.exists():
        return Finding("state directory", True, f"{directory} writable; no ledger yet")
    try:
        text = ledger.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Finding(
            "state directory",
            False,
            f"cannot read the ledger {ledger}: {reason}",
            f"chown the agent's user {ledger}",
        )
    try:
        entries = read_entries(text, ledger)
    except AgentError as error:
        return Finding("state directory", False, error.message, "run the newer agent here")
    return Finding(
        "state directory", True, f"{directory} writable; ledger holds {len(entries)} job(s)"
    )
