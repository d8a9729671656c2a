"""The systemd unit in deploy/: systemd itself accepts every line of it, and it keeps the
hardening and the credentials the deployment guide promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Final

from tests.support.programs import require_programs

REPO: Final = Path(__file__).resolve().parents[2]
UNIT: Final = REPO / "deploy" / "tikjobs-agent.service"
INSTALLED_AT: Final = "/usr/local/bin/tikjobs"


def verify(unit: Path) -> subprocess.CompletedProcess[str]:
    programs = require_programs("systemd-analyze", install="systemd")
    return subprocess.run(  # noqa: S603 - systemd's own checker on a file of this repository
        [programs["systemd-analyze"], "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_systemd_analyze_verify_accepts_the_unit_without_a_warning(tmp_path: Path) -> None:
    # verify insists that ExecStart names an executable that exists: the unit is checked
    # as it is, with only the agent's path pointed at this checkout's installed command.
    tikjobs = Path(sys.executable).with_name("tikjobs")
    assert tikjobs.exists()
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace(INSTALLED_AT, str(tikjobs)))

    checked = verify(unit)

    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == ""
    assert checked.stdout.strip() == ""


def test_verify_would_name_a_line_systemd_does_not_accept(tmp_path: Path) -> None:
    tikjobs = Path(sys.executable).with_name("tikjobs")
    unit = tmp_path / UNIT.name
    unit.write_text(
        UNIT.read_text()
        .replace(INSTALLED_AT, str(tikjobs))
        .replace("ProtectSystem=strict", "ProtectSystem=very")
    )

    checked = verify(unit)

    assert "ProtectSystem" in checked.stderr or "protect system" in checked.stderr


def settings(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_is_hardened_and_takes_its_secrets_as_credentials() -> None:
    unit = settings(UNIT.read_text())

    assert unit["User"] == ["tikjobs"]
    assert unit["NoNewPrivileges"] == ["yes"]
    assert unit["ProtectSystem"] == ["strict"]
    assert unit["StateDirectory"] == ["tikjobs-agent"]
    assert unit["CapabilityBoundingSet"] == [""]
    assert sorted(unit["LoadCredential"]) == [
        "router-password:/etc/tikjobs/router-password",
        "router-token:/etc/tikjobs/router-token",
    ]
    [command] = unit["ExecStart"]
    assert "--password" not in command
    assert "--router-token" not in command
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
