"""The retry schedule and the verdict on each answer."""

from __future__ import annotations

import pytest

from tikjobs.emulator.notifications.schedule import RetrySchedule, Verdict, judge_status


def test_default_schedule_is_the_standard_webhooks_one() -> None:
    schedule = RetrySchedule()
    waits = [schedule.delay_after(attempt) for attempt in range(1, schedule.attempts + 1)]
    assert waits == [5, 300, 1800, 7200, 18000, 36000, 36000, None]


def test_scale_shrinks_every_wait_but_keeps_the_attempts() -> None:
    schedule = RetrySchedule(scale=0.001)
    assert schedule.attempts == 8
    assert schedule.delay_after(1) == pytest.approx(0.005)
    assert schedule.delay_after(7) == pytest.approx(36.0)
    assert schedule.delay_after(8) is None


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (200, Verdict.DELIVERED),
        (204, Verdict.DELIVERED),
        (299, Verdict.DELIVERED),
        (199, Verdict.RETRY),
        (301, Verdict.RETRY),
        (404, Verdict.RETRY),
        (429, Verdict.RETRY),
        (500, Verdict.RETRY),
        (410, Verdict.GONE),
    ],
)
def test_only_2xx_delivers_and_410_stops(status: int, verdict: Verdict) -> None:
    assert judge_status(status) is verdict


@pytest.mark.parametrize(
    "kwargs", [{"delays": ()}, {"delays": (0.0, -1.0)}, {"scale": 0.0}, {"scale": -1.0}]
)
def test_bad_schedules_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"retry|attempt"):
        RetrySchedule(**kwargs)  # type: ignore[arg-type]
