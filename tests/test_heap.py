"""Start-up objects set aside from the garbage collector: what was garbage is collected
first, what was alive is frozen, and what the process makes afterwards is collected as
ever; with the youngest generation collected in larger rounds, garbage cycles are still
collected without anyone asking."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tikjobs.heap import YOUNG_ROUND, freeze_startup_objects, space_out_collections


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


@pytest.fixture
def default_rounds() -> Iterator[None]:
    """CPython's thresholds again afterwards."""
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("default_rounds")
def test_cycles_are_still_collected_automatically_in_larger_rounds() -> None:
    gc.collect()
    space_out_collections()
    collections = gc.get_stats()[0]["collections"]
    watched = []
    for _ in range(3 * YOUNG_ROUND):
        node = Node()
        watched.append(weakref.ref(node))
        del node

    assert gc.get_threshold()[0] == YOUNG_ROUND
    assert gc.get_stats()[0]["collections"] > collections
    assert sum(ref() is None for ref in watched) >= YOUNG_ROUND
