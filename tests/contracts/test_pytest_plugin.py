"""The pytest plugin in a separate pytest process, as an integrator runs it: the contract
suite as tests (``--mikrocloud-url ...``), the ``mikrocloud`` fixture, and tests marked
``real_mikrocloud`` skipped without an account and run with one."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from tests.contracts.breakage import Breakage, broken_emulator
from tikjobs.contracts.local import LocalCloud, local_cloud
from tikjobs.contracts.pytest_plugin import NO_ACCOUNT

EXAMPLE = Path(__file__).parent / "examples" / "integration_example.py"
"""The README's example, copied as ``test_integration.py`` where it runs."""
TIMEOUT = 120


def plugin_arguments() -> list[str]:
    """``-p contracts.pytest_plugin`` unless the installed package registers it already."""
    registered = any(
        point.value == "tikjobs.contracts.pytest_plugin" for point in entry_points(group="pytest11")
    )
    return [] if registered else ["-p", "tikjobs.contracts.pytest_plugin"]


def pytest_in(
    directory: Path, *arguments: str, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("MIKROCLOUD_", "PYTEST_", "HYPOTHESIS_"))
    }
    env.update(environment or {})
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rfs"]
    return subprocess.run(  # noqa: S603 - this interpreter's pytest, with the test's arguments
        [*command, *plugin_arguments(), *arguments],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_the_suite_runs_as_tests_beside_a_real_cloud_test_the_environment_enables(
    cloud: LocalCloud, tmp_path: Path
) -> None:
    (tmp_path / "test_integration.py").write_text(EXAMPLE.read_text(encoding="utf-8"))
    account = {
        "MIKROCLOUD_TOKEN": cloud.api_key,
        "MIKROCLOUD_ROUTER": cloud.router_id,
    }

    finished = pytest_in(
        tmp_path,
        "-v",
        f"--mikrocloud-url={cloud.base_url}",
        "--mikrocloud-examples=3",
        "-k",
        "description_length or synchronous_reads or tenancy or real_router",
        environment=account,
    )

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "collected 19 items" in finished.stdout
    assert "mikrocloud-contract::description_length PASSED" in finished.stdout
    assert "mikrocloud-contract::synchronous_reads PASSED" in finished.stdout
    assert "needs --second-token" in finished.stdout
    assert "test_a_real_router_answers_the_arp_table PASSED" in finished.stdout
    assert "4 passed, 1 skipped" in finished.stdout


def test_a_broken_server_fails_the_property_saying_what_was_wrong(tmp_path: Path) -> None:
    with local_cloud(emulator_app=broken_emulator([Breakage.LONG_DESCRIPTION])) as broken:
        finished = pytest_in(
            tmp_path,
            f"--mikrocloud-url={broken.base_url}",
            f"--mikrocloud-token={broken.api_key}",
            f"--mikrocloud-router={broken.router_id}",
            "-k",
            "description_length",
        )

    assert finished.returncode == 1
    assert "FAILED mikrocloud-contract::description_length" in finished.stdout
    assert "a description of 101 characters should be refused" in finished.stdout


def test_the_integrators_example_runs_and_skips_the_real_cloud_without_an_account(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_integration.py").write_text(EXAMPLE.read_text(encoding="utf-8"))

    finished = pytest_in(tmp_path, "test_integration.py")

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "2 passed, 1 skipped" in finished.stdout
    assert NO_ACCOUNT[:60] in finished.stdout
