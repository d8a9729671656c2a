"""How much public, real-world RouterOS material the simulator accepts.

The corpus (``tests/vm/sim/corpus/``, sources and licences in its ``SOURCES.md``) holds
configuration exports of RouterOS 7 routers, RouterOS 7 configuration scripts, and
public script collections, none written by this project.

* An export or configuration runs into a fresh simulated CHR (RouterOS 7.16 with every
  x86 package, reset with ``no-defaults=yes`` as before any ``/import``), one command
  line at a time, so one failing line does not hide the rest. Every line ends in one
  of three outcomes: it **ran**; it **failed as a CHR fails** (see `chr_reason`); or
  it **failed short of a CHR**, where the simulator is to blame.
* A script must **parse** (its syntax alone); it is then checked against the menus of the
  simulated device, and run once in a fresh simulator with a time budget, to show that
  the interpreter never breaks down on it.

``python -m bench.corpus`` prints the tables and writes the shares into BENCHMARKS.md.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from tikjobs.vm.exceptions import Interrupted, RouterOSError
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.script import interpreter, parse
from tikjobs.vm.sim.script.parser import VERBS
from tikjobs.vm.sim.tree import Found

CORPUS: Final = Path(__file__).resolve().parent.parent / "tests" / "vm" / "sim" / "corpus"
KINDS: Final = ("exports", "configs")
VERSION: Final = "7.16"
PACKAGES: Final = "extra"
"""The CHR has every x86 package (container, wireless, user-manager ...)."""
MAX_ETHERNET: Final = 64
SCRIPT_WALL_SECONDS: Final = 2.0
SCRIPT_SIMULATED_SECONDS: Final = 3600.0

HARDWARE_NAME: Final = re.compile(
    r"(?<![\w.-])(wlan\d+|wifi\d+|sfp\d+|sfp-sfpplus\d+|sfp28-\d+|qsfp[\w-]*\d+|combo\d+"
    r"|lte\d+|switch\d+(?:-cpu)?|60g\d*|w60g\d+|slot\d+)(?![\w-])"
)
ETHERNET: Final = re.compile(r"(?<![\w-])ether(\d+)(?![\w-])")
NO_MATCH: Final = re.compile(r"input does not match any value of ([\w-]+)")
NAME_VALUE: Final = re.compile(r'(?<![\w-])name=("(?:[^"\\]|\\.)*"|[^\s"]+)')
PATH_WORD: Final = re.compile(r"[a-z0-9][a-z0-9-]*")


# -- the real command tree -------------------------------------------------------------


@cache
def chr_tree() -> dict[str, object]:
    """The command tree a real 7.16 CHR with every x86 package reports."""
    source = resources.files("tikjobs.vm.sim").joinpath("trees", f"{VERSION}-{PACKAGES}.json.gz")
    with source.open("rb") as raw, gzip.open(raw) as unpacked:
        tree: dict[str, object] = json.load(unpacked)
    return tree


def missing_on_chr(words: list[str]) -> str | None:
    """The first of the leading ``words`` a CHR has no menu or command for, else None."""
    node: object = chr_tree()
    for word in words:
        if not isinstance(node, dict):
            return None
        child = node.get(word)
        if not isinstance(child, dict):
            return word
        if child.get("_type") == "cmd":
            return None
        node = child
    return None


# -- command lines ---------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One command of a configuration file: where it starts, its text and its menu."""

    line: int
    text: str
    path: tuple[str, ...]

    @property
    def source(self) -> str:
        """The command as a script of its own: its menu first when it is relative."""
        if not self.path or self.text.lstrip().startswith("/"):
            return self.text
        return "/" + " ".join(self.path) + "\n" + self.text

    def words(self) -> list[str]:
        """The menu and command words the line names, from the root."""
        text = self.text.strip()
        words = [] if text.startswith("/") else list(self.path)
        for token in re.split(r"[\s/]+", text.lstrip("/")):
            if not PATH_WORD.fullmatch(token):
                break
            words.append(token)
            if token in VERBS:
                break
        return words


def _balance(text: str, depth: int, quoted: bool) -> tuple[int, bool]:
    """Bracket depth and quoting after ``text``, given those before it."""
    escaped = False
    for char in text:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "{[(":
            depth += 1
        elif char in "}])":
            depth = max(depth - 1, 0)
    return depth, quoted


def _continued(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def _menu(text: str) -> tuple[str, ...] | None:
    """The menu a line made only of path words moves to (``/ip address``), else None."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    words = [word for word in re.split(r"[\s/]+", stripped) if word]
    if not all(PATH_WORD.fullmatch(word) for word in words) or (words and words[-1] in VERBS):
        return None
    return tuple(words)


def commands(source: str) -> Iterator[Unit]:
    """The commands of a configuration file, each with the menu it runs on."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    path: tuple[str, ...] = ()
    pending: list[str] = []
    start = 0
    depth, quoted = 0, False
    for number, line in enumerate(lines, start=1):
        if not pending:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            start = number
        pending.append(line)
        depth, quoted = _balance(line, depth, quoted)
        if _continued(line) or depth or quoted:
            continue
        text = "\n".join(pending)
        pending = []
        menu = _menu(text)
        if menu is not None:
            path = menu
            continue
        yield Unit(start, text, path)
    if pending:
        yield Unit(start, "\n".join(pending), path)


# -- a fresh simulated CHR -------------------------------------------------------------


class Budget(threading.Event):
    """A cancel event that never waits: every wait counts simulated time instead, and
    the event is set once the run has spent its wall time or its simulated time. Given
    to the device as a command's ``cancel``, it also governs the scripts a command runs
    (``/system script run``), so no corpus script really sleeps."""

    def __init__(self) -> None:
        super().__init__()
        self.started = time.monotonic()
        self.slept = 0.0

    def restart(self) -> None:
        self.clear()
        self.started = time.monotonic()
        self.slept = 0.0

    def wait(self, timeout: float | None = None) -> bool:
        self.slept += max(timeout or 0.0, 0.0)
        late = time.monotonic() - self.started > SCRIPT_WALL_SECONDS
        if late or self.slept > SCRIPT_SIMULATED_SECONDS:
            self.set()
        return self.is_set()


class CorpusConsole:
    """The console corpus material runs on: a fresh device and a `Budget`."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.budget = Budget()
        self.output: list[str] = []

    @property
    def globals(self) -> MutableMapping[str, object]:
        return self.device.globals

    def knows(self, path: tuple[str, ...]) -> bool:
        return self.device.knows(path)

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        return self.device.resolve(path, word)

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        return self.device.argument(path, verb, word)

    def execute(self, command: Command) -> Reply:
        return self.device.execute(command, cancel=self.budget, write=self.output.append)

    def sleep(self, seconds: float) -> None:
        if self.budget.wait(seconds):
            raise Interrupted("stopped: the corpus run's time budget is spent")


def fresh_device(ethernet: int = 8) -> Device:
    """A simulated CHR with every package, as after ``/system reset-configuration
    no-defaults=yes``."""
    model = RouterModel(
        version=VERSION,
        interface_count=min(max(ethernet, 1), MAX_ETHERNET),
        packages=PACKAGES,
    )
    model.reset(defaults=False)
    device = Device(model)
    device.start()
    return device


def ethernet_count(source: str) -> int:
    """How many ethernet ports the CHR needs for the file: its highest ``etherN``."""
    return max((int(number) for number in ETHERNET.findall(source)), default=1)


# -- configuration files -----------------------------------------------------------------


@dataclass
class LineResult:
    line: int
    outcome: str  # "ran", "chr" or "short"
    reason: str = ""


@dataclass
class FileResult:
    kind: str
    name: str
    lines: list[LineResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def chr_reason(
    unit: Unit, lost: set[str], message: str = "", made: frozenset[str] = frozenset()
) -> str | None:
    """Why a failed line would fail on a real CHR too, or None.

    A CHR fails a line that (1) names a menu or command its command tree lacks (it has
    no switch chip, no RouterBOARD settings, and no RouterOS 6 menus), (2) names an
    interface only hardware has (``wlan1``, ``sfp-sfpplus1``, ``lte1``, ``combo1`` ...) or
    a disk the exporting VM had attached (``slot1`` ...),
    (3) names something only an earlier such line would have created, or (4) refers to
    a name (``input does not match any value of bridge``) that no line of the file makes
    (``made``), which a CHR without default configuration does not have either.
    """
    word = missing_on_chr(unit.words())
    if word is not None:
        return f"no {word} on a CHR"
    hardware = HARDWARE_NAME.search(unit.text)
    if hardware is not None:
        return f"no {hardware[1]} on a CHR"
    for name in lost:
        if re.search(rf'(?<![\w-])"?{re.escape(name)}"?(?![\w-])', unit.text.split("=", 1)[-1]):
            return f"no {name}: its line failed as on a CHR"
    refused = NO_MATCH.match(message)
    if refused is not None:
        given = re.search(rf'(?<![\w.-]){re.escape(refused[1])}=("[^"]*"|\S+)', unit.text)
        values = given[1].strip('"').lstrip("!").split(",") if given else []
        missing = [value for value in values if value and value not in made]
        if missing:
            return f"no {missing[0]}: no line makes it and a fresh CHR has none"
    return None


def _names(text: str) -> set[str]:
    return {match.strip('"') for match in NAME_VALUE.findall(text)}


def run_file(path: Path, kind: str) -> FileResult:
    """Run a configuration file into a fresh simulated CHR, line by line."""
    source = path.read_text(errors="replace")
    result = FileResult(kind, str(path.relative_to(CORPUS / kind)))
    device = fresh_device(ethernet_count(source))
    console = CorpusConsole(device)
    lost: set[str] = set()
    made = frozenset(_names(source))
    try:
        for unit in commands(source):
            console.budget.restart()
            try:
                interpreter(console).run(unit.source)
            except RouterOSError as error:
                reason = chr_reason(unit, lost, error.message, made)
                if reason is not None:
                    lost |= _names(unit.text)
                    result.lines.append(LineResult(unit.line, "chr", reason))
                else:
                    result.lines.append(LineResult(unit.line, "short", error.message))
            except Exception as error:  # a breakdown is a finding
                result.lines.append(LineResult(unit.line, "short", f"breakdown: {error!r}"))
            else:
                result.lines.append(LineResult(unit.line, "ran"))
    finally:
        device.close()
    return result


# -- scripts ---------------------------------------------------------------------------


@dataclass
class ScriptResult:
    name: str
    parsed: str = ""  # "" when the syntax is accepted, else the error
    menus: str = ""  # "" when every menu is known, else the error
    menus_chr: bool = False  # the unknown menu is unknown to a CHR too
    run: str = ""  # "completed", "error", "stopped" or "breakdown"
    detail: str = ""


def check_script(path: Path, device: Device) -> ScriptResult:
    """Parse a script, check its menus, and run it once on ``device``, reset first."""
    source = path.read_text(errors="replace")
    result = ScriptResult(str(path.relative_to(CORPUS / "scripts")))
    device.model.reset(defaults=False)
    device.globals.clear()
    console = CorpusConsole(device)
    try:
        parse(source, console)
    except RouterOSError as error:
        try:
            parse(source)
        except RouterOSError as syntax:
            result.parsed = syntax.message
            return result
        result.menus = error.message
        match = re.match(r"bad command name (\S+)", error.message)
        result.menus_chr = bool(match) and _unknown_to_chr(source, error)
    try:
        interpreter(console).run(source)
    except Interrupted:
        result.run = "stopped"
    except RouterOSError as error:
        result.run, result.detail = "error", error.message
    except Exception as error:  # a breakdown is a finding
        result.run, result.detail = "breakdown", repr(error)
    else:
        result.run = "completed"
    return result


def _unknown_to_chr(source: str, error: RouterOSError) -> bool:
    """Whether the line a menu error points at names a menu a CHR lacks too."""
    where = re.search(r"line (\d+) column", error.message)
    if where is None:
        return False
    number = int(where[1])
    for unit in commands(source):
        if unit.line <= number < unit.line + unit.text.count("\n") + 1:
            return missing_on_chr(unit.words()) is not None
    return False


# -- the whole corpus ------------------------------------------------------------------


@dataclass
class Report:
    files: list[FileResult]
    scripts: list[ScriptResult]

    def lines(self, kind: str | None = None) -> Counter[str]:
        counts: Counter[str] = Counter()
        for result in self.files:
            if kind is None or result.kind == kind:
                counts.update(line.outcome for line in result.lines)
        return counts

    def accepted_share(self, kind: str | None = None) -> float:
        """Lines that ran or failed as on a CHR, of all lines."""
        counts = self.lines(kind)
        total = sum(counts.values())
        return (counts["ran"] + counts["chr"]) / total if total else 1.0

    def parsed_share(self) -> float:
        ok = sum(1 for script in self.scripts if not script.parsed)
        return ok / len(self.scripts) if self.scripts else 1.0

    def breakdowns(self) -> list[str]:
        found = [f"{s.name}: {s.detail}" for s in self.scripts if s.run == "breakdown"]
        for result in self.files:
            found += [
                f"{result.name}:{line.line}: {line.reason}"
                for line in result.lines
                if line.reason.startswith("breakdown")
            ]
        return found


def corpus_files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).rglob("*.rsc"))


def measure() -> Report:
    files = [run_file(path, kind) for kind in KINDS for path in corpus_files(kind)]
    device = fresh_device()
    scripts = []
    try:
        for path in corpus_files("scripts"):
            if not device.is_up:  # a script rebooted or shut down the router
                device.close()
                device = fresh_device()
            scripts.append(check_script(path, device))
    finally:
        device.close()
    return Report(files, scripts)


def table(report: Report) -> str:
    """The per-file table and the totals, as plain text."""
    out = [f"{'file':70} {'lines':>6} {'ran':>5} {'chr':>5} {'short':>6}"]
    for result in report.files:
        name = f"{result.kind}/{result.name}"[:70]
        out.append(
            f"{name:70} {len(result.lines):6d} {result.count('ran'):5d}"
            f" {result.count('chr'):5d} {result.count('short'):6d}"
        )
    shortfalls: Counter[str] = Counter()
    for result in report.files:
        for line in result.lines:
            if line.outcome == "short":
                shortfalls[re.sub(r"\(line \d+ column \d+\)", "", line.reason)[:90]] += 1
    out.append("")
    out.append("most frequent shortfalls:")
    out += [f"{count:6d}  {reason}" for reason, count in shortfalls.most_common(25)]
    runs = Counter(script.run or "not run" for script in report.scripts)
    out.append("")
    out.append(f"scripts: {len(report.scripts)}, syntax accepted {report.parsed_share():.1%}")
    out.append(f"script runs: {dict(sorted(runs.items()))}")
    for script in report.scripts:
        if script.parsed:
            out.append(f"  syntax refused: {script.name}: {script.parsed}")
    return "\n".join(out)


def summary(report: Report) -> list[tuple[str, str]]:
    """Rows for BENCHMARKS.md and the README: what was measured and the share."""
    rows = []
    for kind in (*KINDS, None):
        counts = report.lines(kind)
        chosen = [f for f in report.files if kind is None or f.kind == kind]
        whole = sum(1 for f in chosen if not f.count("short"))
        label = kind or "exports and configurations together"
        rows.append(
            (
                f"{label}: {len(chosen)} files, {sum(counts.values())} command lines",
                f"{report.accepted_share(kind):.1%} accepted ({counts['ran']} ran,"
                f" {counts['chr']} failed as on a CHR, {counts['short']} short of a CHR);"
                f" {whole} files with no line short of a CHR",
            )
        )
    menus = sum(1 for s in report.scripts if not s.parsed and not s.menus)
    runs = Counter(script.run for script in report.scripts)
    rows.append(
        (
            f"scripts: {len(report.scripts)} files",
            f"{report.parsed_share():.1%} parse; {menus} name only menus the simulator has;"
            f" runs: {runs['completed']} completed, {runs['error']} stopped at a RouterOS"
            f" error, {runs['stopped']} out of time, {runs['breakdown']} breakdowns",
        )
    )
    return rows


SECTION: Final = "## Real-world corpus"


def render(report: Report) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        f"Measured {when} by `python -m bench.corpus`. Public RouterOS 7 material nobody"
        " on the project wrote (`tests/vm/sim/corpus/`, sources and licences in its"
        f" SOURCES.md), run into a fresh simulated CHR (RouterOS {VERSION} with every x86"
        " package, no default configuration). A line is accepted when it ran or failed"
        " exactly where"
        " a CHR fails (a menu a CHR lacks, hardware a CHR lacks, a name only such a line"
        " would have made, or a name no line of the file makes).",
        "",
        "| material | share |",
        "| --- | --- |",
    ]
    lines += [f"| {what} | {share} |" for what, share in summary(report)]
    return "\n".join(lines) + "\n"


def write_section(text: str, report_file: Path) -> None:
    """Put the corpus section into BENCHMARKS.md, replacing an older one and keeping
    every other section as it is."""
    old = report_file.read_text() if report_file.exists() else "# Benchmarks\n"
    if SECTION not in old:
        report_file.write_text(old.rstrip("\n") + "\n\n" + text)
        return
    before, rest = old.split(SECTION, 1)
    _, found, after = rest.partition("\n## ")
    tail = "\n## " + after if found else ""
    report_file.write_text(before.rstrip("\n") + "\n\n" + text + tail)


def main() -> int:
    report = measure()
    print(table(report))
    print()
    for what, share in summary(report):
        print(f"{what}: {share}")
    write_section(render(report), Path(__file__).resolve().parent.parent / "BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
