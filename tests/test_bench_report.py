"""``python -m bench``: a run of every module rewrites BENCHMARKS.md's table and keeps the
sections other benchmarks write; a run of some modules prints its table and leaves the
record alone. Either says how fast the machine was, before and after. A figure below 1
keeps its hundredths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench.measure import Figure

RECORD = """# Benchmarks

| benchmark | subject | figure | baseline | baseline figure | ratio | target | notes |
| --- | --- | --- | --- | --- | --- | --- | --- |
| an older row | the subject | 1.0 ms | the baseline | 2.0 ms | 2.00 |  |  |

## Footprint

Measured by `python -m bench.footprint`.
"""

FAKE = """
from bench.measure import Figure, Result

def run():
    return [Result(name="a fresh row", subject="s", figure=Figure(3.0, "ms", better="lower"),
                   baseline="b", baseline_figure=Figure(6.0, "ms", better="lower"))]
"""


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fake_benchmark.py").write_text(FAKE)
    monkeypatch.syspath_prepend(str(tmp_path))
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(RECORD)
    monkeypatch.setattr(bench_main, "REPORT", report)
    monkeypatch.setattr(bench_main, "MODULES", ["fake_benchmark", "other_benchmark"])
    yardstick = iter([1.25, 1.5])
    monkeypatch.setattr(bench_main, "reference_seconds", lambda: next(yardstick))
    return report


def test_some_modules_print_their_table_and_leave_the_record(
    record: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["python -m bench", "fake_benchmark"])
    assert bench_main.main() == 0
    printed = capsys.readouterr()
    assert "| a fresh row |" in printed.out
    assert "by `python -m bench fake_benchmark`" in printed.out
    assert "took 1.25 s before the benchmarks and 1.50 s after" in printed.out
    assert "left as it is" in printed.err
    assert record.read_text() == RECORD


def test_every_module_rewrites_the_table_and_keeps_the_other_sections(
    record: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "other_benchmark.py").write_text("def run():\n    return []\n")
    monkeypatch.setattr(sys, "argv", ["python -m bench"])
    assert bench_main.main() == 0
    written = record.read_text()
    assert "| a fresh row |" in written
    assert "an older row" not in written
    assert "by `make bench`" in written
    assert "took 1.25 s before the benchmarks and 1.50 s after" in written
    assert written.endswith("## Footprint\n\nMeasured by `python -m bench.footprint`.\n")


def test_a_figure_below_one_keeps_its_hundredths() -> None:
    assert str(Figure(0.274, "ms", better="lower")) == "0.27 ms"
    assert str(Figure(1.04, "ms", better="lower")) == "1.0 ms"
    assert str(Figure(7288.66, "calls/s")) == "7,288.7 calls/s"
