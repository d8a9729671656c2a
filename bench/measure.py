"""How benchmarks measure: repeated timed runs, medians, and a baseline in the same run.

A benchmark never reports a bare time: every figure is set beside a baseline measured
in the same process moments before, so a reader can compare runs made on different
machines through the ratio.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured quantity, higher or lower being better as ``better`` says."""

    value: float
    unit: str
    better: str = "higher"

    def __str__(self) -> str:
        """One decimal, or two below 1 (a latency of 0.27 ms is not 0.3 ms)."""
        places = 2 if abs(self.value) < 1 else 1
        return f"{self.value:,.{places}f} {self.unit}"


@dataclass(frozen=True)
class Result:
    """A benchmark's figure beside its baseline's."""

    name: str
    subject: str
    figure: Figure
    baseline: str
    baseline_figure: Figure
    notes: str = ""
    target: str = ""
    """The figure the project aims at, as text (``≤ 10 ms``, ``≥ 2.5x``), if any."""
    met: bool | None = None
    """Whether this run reached ``target``."""

    @property
    def target_text(self) -> str:
        if not self.target:
            return ""
        return f"{self.target} ({'met' if self.met else 'not met'})"

    @property
    def ratio(self) -> float:
        """Subject relative to the baseline, oriented so that above 1 means better."""
        if self.figure.better == "higher":
            return self.figure.value / self.baseline_figure.value
        return self.baseline_figure.value / self.figure.value


def rate(work: Callable[[], int], *, repeat: int = 5, min_seconds: float = 0.2) -> float:
    """Median operations per second of ``work``, which answers how many it did."""
    rates = []
    for _ in range(repeat):
        done, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < min_seconds:
            done += work()
        rates.append(done / elapsed)
    return statistics.median(rates)


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` (0..1) of the sorted samples, nearest rank."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


REFERENCE_ADDITIONS = 10_000_000


def reference_seconds(repeat: int = 3) -> float:
    """Seconds this machine takes, at best of ``repeat``, to add up ten million integers
    in pure Python: a yardstick of its speed at the moment, printed with every report so
    runs on a faster or a busier machine can be told apart."""
    best = float("inf")
    for _ in range(repeat):
        started, total = time.perf_counter(), 0
        for number in range(REFERENCE_ADDITIONS):
            total += number
        best = min(best, time.perf_counter() - started)
    return best
