"""The simulator against public RouterOS material nobody on the project wrote: every
export and configuration line runs or fails only where a CHR fails, every script parses,
and the shares do not fall below the floors measured when they were last raised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import (
    CORPUS,
    KINDS,
    SECTION,
    Report,
    Unit,
    chr_reason,
    commands,
    corpus_files,
    measure,
    table,
    write_section,
)

# The shares reached when these floors were last raised; a change that accepts less of
# the corpus fails here. Raise them as the simulator learns more.
FLOOR_ALL_LINES = 0.99
FLOOR_EXPORT_LINES = 0.98
FLOOR_CONFIG_LINES = 0.99
FLOOR_SCRIPTS_PARSED = 0.95
FLOOR_SCRIPTS_COMPLETED = 215

ALLOWED_LICENCES = frozenset({"MIT", "Apache-2.0", "CC0-1.0", "CC-BY-SA-4.0", "GPL-3.0"})
LITERAL_SECRET = re.compile(
    r"(?<![\w.-])(password|secret|private-key|preshared-key|wpa2-pre-shared-key"
    r"|wpa-pre-shared-key|passphrase)=(\"[^\"$\\[]+\"|[^\s\"$\[\\]+)"
)
REDACTED = frozenset({"redacted", '"redacted"', '"' + "A" * 43 + '="'})


@pytest.fixture(scope="module")
def report() -> Report:
    return measure()


def _listed() -> dict[str, tuple[str, str]]:
    """SOURCES.md's file table: corpus file -> (repository, licence)."""
    listed = {}
    for line in (CORPUS / "SOURCES.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith(("exports/", "configs/", "scripts/")):
            listed[cells[0]] = (cells[1], cells[3])
    return listed


def test_every_corpus_file_names_its_source_and_a_licence_we_may_use() -> None:
    on_disk = {
        str(path.relative_to(CORPUS)) for kind in (*KINDS, "scripts") for path in corpus_files(kind)
    }
    listed = _listed()
    assert on_disk == set(listed)
    for name, (repository, licence) in listed.items():
        assert licence in ALLOWED_LICENCES, name
        licence_text = CORPUS / "licenses" / f"{repository.replace('/', '+')}.txt"
        assert licence_text.is_file(), f"{name}: no licence text for {repository}"


def test_exports_and_configurations_carry_no_literal_secrets() -> None:
    for kind in KINDS:
        for path in corpus_files(kind):
            for match in LITERAL_SECRET.finditer(path.read_text(errors="replace")):
                assert match[2] in REDACTED, f"{path.name}: {match[0]}"


def test_an_export_splits_into_commands_on_their_menus() -> None:
    source = (
        "# 2025-01-01 by RouterOS 7.16\n"
        "/interface bridge\n"
        "add name=br1 \\\n    vlan-filtering=yes\n"
        "/ip address\n"
        'add address=10.0.0.1/24 comment="a\\\n    b" interface=br1\n'
        ":if ([:len [find]] = 1) do={\n    add address=10.0.1.1/24 interface=br1\n}\n"
        "/system identity set name=r1\n"
    )
    units = list(commands(source))
    assert [(unit.line, unit.path) for unit in units] == [
        (3, ("interface", "bridge")),
        (6, ("ip", "address")),
        (8, ("ip", "address")),
        (11, ("ip", "address")),
    ]
    assert units[0].source == "/interface bridge\nadd name=br1 \\\n    vlan-filtering=yes"
    assert units[3].source == "/system identity set name=r1"
    assert units[3].words() == ["system", "identity", "set"]


@pytest.mark.parametrize(
    ("text", "path", "reason"),
    [
        ("set 0 default-vlan-id=0", ("interface", "ethernet", "switch", "port"), "switch"),
        ("/routing ospf network add area=backbone network=10.0.0.0/24", (), "network"),
        ("set [ find default-name=sfp-sfpplus1 ] name=uplink", ("interface", "ethernet"), "sfp"),
        ("add bridge=bridge interface=wlan2", ("interface", "bridge", "port"), "wlan2"),
        ("add bridge=bridge interface=guest", ("interface", "bridge", "port"), "guest"),
        ("set slot3 slot=slot3 type=hardware", ("disk",), "slot3"),
    ],
)
def test_what_fails_on_a_chr_too(text: str, path: tuple[str, ...], reason: str) -> None:
    found = chr_reason(Unit(1, text, path), lost={"guest"})
    assert found is not None
    assert reason in found


def test_a_name_no_line_makes_fails_as_on_a_chr_without_defaults() -> None:
    unit = Unit(1, "add bridge=br-lab interface=ether2", ("interface", "bridge", "port"))
    refused = "input does not match any value of bridge"
    found = chr_reason(unit, set(), refused, frozenset({"br-other"}))
    assert found is not None
    assert "br-lab" in found
    assert chr_reason(unit, set(), refused, frozenset({"br-lab"})) is None


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("add name=bridge", ("interface", "bridge")),
        ("set [ find default-name=ether7 ] mtu=1514", ("interface", "ethernet")),
        ('/ip route add gateway=10.0.0.1 pref-src=""', ()),
    ],
)
def test_what_a_chr_runs(text: str, path: tuple[str, ...]) -> None:
    assert chr_reason(Unit(1, text, path), lost={"guest"}) is None


def test_the_corpus_runs_on_the_simulator(report: Report) -> None:
    print(table(report))
    summary = table(report)
    assert report.breakdowns() == [], summary
    assert report.accepted_share() >= FLOOR_ALL_LINES, summary
    assert report.accepted_share("exports") >= FLOOR_EXPORT_LINES, summary
    assert report.accepted_share("configs") >= FLOOR_CONFIG_LINES, summary
    assert report.parsed_share() >= FLOOR_SCRIPTS_PARSED, summary
    completed = sum(1 for script in report.scripts if script.run == "completed")
    assert completed >= FLOOR_SCRIPTS_COMPLETED, summary


def test_every_export_runs_lines_into_the_fresh_chr(report: Report) -> None:
    for result in report.files:
        assert result.lines, result.name
        if result.kind == "exports":
            assert result.count("ran") > 0, result.name


def test_the_corpus_section_replaces_only_itself_in_benchmarks(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(
        f"# Benchmarks\n\n## Before\n\nkept\n\n{SECTION}\n\nold\n\n## After\n\nalso kept\n"
    )
    write_section(f"{SECTION}\n\nnew\n", report)
    assert report.read_text() == (
        f"# Benchmarks\n\n## Before\n\nkept\n\n{SECTION}\n\nnew\n\n## After\n\nalso kept\n"
    )
