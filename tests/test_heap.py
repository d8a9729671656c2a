"""Start-up objects set aside from the garbage collector: what was garbage is collected
first, what was alive is frozen, and what the process makes afterwards is collected as
ever."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tikjobs.heap import freeze_startup_objects


class Node:
    def __init__(self) -> None:
        self.cycle: Node = self


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """No automatic collection meanwhile (only the ones the test makes), and nothing
    left frozen afterwards."""
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("unfrozen")
def test_start_up_garbage_is_collected_and_the_living_are_frozen() -> None:
    garbage = Node()
    gone = weakref.ref(garbage)
    del garbage
    kept = Node()

    freeze_startup_objects()

    assert gone() is None
    assert gc.get_freeze_count() > 0
    later = Node()
    collected = weakref.ref(later)
    del later
    gc.collect()
    assert collected() is None
    assert kept.cycle is kept
