"""Item storage: tables of items keyed by RouterOS ids that only ever increase.

A `Table` keeps its items in order (the order ``print`` shows and firewall rules apply)
as ``id -> values``, where values are the RouterOS strings of every property the item
has. Changes that may touch a uniqueness rule's properties go through `insert`, `put`
and `remove` (or `touched` after an edit in place), which keep the lookup indexes that
make uniqueness checks cheap on big tables (address lists of thousands of entries).

Ids are never reused: the counter survives removal, snapshots and restores. Dynamic
items of some menus count from a base of their own (RouterOS 7 numbers connected routes
from ``*80000000``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

Values = dict[str, str]
Key = tuple[str | None, ...]


def format_id(number: int) -> str:
    """``10`` -> ``*A``."""
    return f"*{number:X}"


def parse_id(text: str) -> int | None:
    """``*A`` -> 10; None when the text is not an id."""
    if len(text) < 2 or text[0] != "*":
        return None
    try:
        number = int(text[1:], 16)
    except ValueError:
        return None
    return number if number >= 0 else None


@dataclass
class Table:
    """The items of one storage table and its id counters."""

    items: dict[int, Values] = field(default_factory=dict)
    next_id: int = 1
    next_dynamic_id: int = 0
    _indexes: dict[tuple[str, ...], dict[Key, set[int]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _index_add(self, number: int, values: Values) -> None:
        for props, index in self._indexes.items():
            index.setdefault(tuple(values.get(p) for p in props), set()).add(number)

    def _index_drop(self, number: int, values: Values) -> None:
        for props, index in self._indexes.items():
            holders = index.get(tuple(values.get(p) for p in props))
            if holders is not None:
                holders.discard(number)

    def holders(self, props: tuple[str, ...], key: Key) -> set[int]:
        """The ids of the items whose ``props`` have the values ``key``."""
        index = self._indexes.get(props)
        if index is None:
            index = {}
            for number, values in self.items.items():
                index.setdefault(tuple(values.get(p) for p in props), set()).add(number)
            self._indexes[props] = index
        return index.get(key, set())

    def touched(self) -> None:
        """Forget the indexes after values were edited in place."""
        self._indexes.clear()

    def put(self, number: int, values: Values) -> None:
        """Replace an item's values, keeping its place."""
        old = self.items.get(number)
        if old is not None:
            self._index_drop(number, old)
        self.items[number] = values
        self._index_add(number, values)

    def remove(self, number: int) -> Values:
        """Take an item out and answer its values."""
        values = self.items.pop(number)
        self._index_drop(number, values)
        return values

    def insert(self, values: Values, *, dynamic_base: int = 0, before: int | None = None) -> int:
        """Store a new item and answer its id; ``before`` places it ahead of that item."""
        if dynamic_base:
            number = dynamic_base + self.next_dynamic_id
            self.next_dynamic_id += 1
        else:
            number = self.next_id
            self.next_id += 1
        self._index_add(number, values)
        if before is None or before not in self.items:
            self.items[number] = values
        else:
            reordered: dict[int, Values] = {}
            for key, item in self.items.items():
                if key == before:
                    reordered[number] = values
                reordered[key] = item
            self.items = reordered
        return number

    def move(self, numbers: list[int], before: int | None) -> None:
        """Move items (in the given order) ahead of ``before``, or to the end."""
        moving = {number: self.items[number] for number in numbers}
        rest = [(key, item) for key, item in self.items.items() if key not in moving]
        reordered: dict[int, Values] = {}
        placed = False
        for key, item in rest:
            if key == before and not placed:
                reordered.update(moving)
                placed = True
            reordered[key] = item
        if not placed:
            reordered.update(moving)
        self.items = reordered

    def select(self, scope: Mapping[str, str]) -> Iterator[tuple[int, Values]]:
        """The items whose values match every ``scope`` entry, in order."""
        if not scope:
            yield from self.items.items()
            return
        for number, values in self.items.items():
            if all(values.get(name) == want for name, want in scope.items()):
                yield number, values

    def select_equal(
        self, scope: Mapping[str, str], prop: str, value: str
    ) -> Iterator[tuple[int, Values]]:
        """`select` narrowed to the items whose ``prop`` is ``value``, found through an
        index of ``prop`` rather than by reading every item."""
        hits = self.holders((prop,), (value,))
        ordered = [n for n in self.items if n in hits] if len(hits) > 1 else list(hits)
        for number in ordered:
            values = self.items[number]
            if all(values.get(name) == want for name, want in scope.items()):
                yield number, values

    def to_state(self) -> dict[str, object]:
        return {
            "items": [[number, values] for number, values in self.items.items()],
            "next_id": self.next_id,
            "next_dynamic_id": self.next_dynamic_id,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, object]) -> Table:
        raw_items = state.get("items", [])
        items: dict[int, Values] = {}
        if isinstance(raw_items, list):
            for entry in raw_items:
                number, values = entry
                items[int(number)] = {str(k): str(v) for k, v in dict(values).items()}
        next_id = state.get("next_id", 1)
        next_dynamic = state.get("next_dynamic_id", 0)
        return cls(
            items,
            int(next_id) if isinstance(next_id, int) else 1,
            int(next_dynamic) if isinstance(next_dynamic, int) else 0,
        )


class Tables(dict[str, Table]):
    """The device's tables by name; a table no item was ever written to is made empty
    on first use, so the hundreds of menus of a command tree cost nothing until used."""

    def __missing__(self, name: str) -> Table:
        table = Table()
        self[name] = table
        return table
