"""What a ``print`` inside a script writes: the rows of a menu as console text.

List menus print as RouterOS 7 tables (a ``Flags:`` legend when any item has a flag, a
``Columns:`` line, a header, one line per item numbered from 0, the comment on a
``;;;`` line above its item); ``detail`` and ``terse`` print ``name=value`` pairs;
settings menus (one item, no ``.id``) print ``name: value`` lines with the names
right-aligned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from tikjobs.vm.sim.command import Row

FLAGS: Final = (
    ("disabled", "X"),
    ("invalid", "I"),
    ("dynamic", "D"),
    ("running", "R"),
    ("slave", "S"),
)
HIDDEN: Final = frozenset({".id", "comment", *(name for name, _ in FLAGS)})


def render(rows: Sequence[Row], style: str = "table") -> str:
    """Rows as ``print`` shows them; ``style`` is ``table``, ``detail`` or ``terse``."""
    if not rows:
        return ""
    if all(".id" not in row for row in rows):
        return "".join(settings(row) for row in rows)
    if style == "terse":
        return "".join(f"{n:>2} {_flags(row)}{_pairs(row)}\n" for n, row in enumerate(rows))
    if style == "detail":
        return "\n".join(_detail(number, row) for number, row in enumerate(rows)) + "\n"
    return table(rows)


def settings(row: Row) -> str:
    """``name: value`` lines, names right-aligned, as a settings menu prints."""
    if not row:
        return ""
    width = max(len(name) for name in row) + 2
    return "".join(f"{name:>{width}}: {value}\n" for name, value in row.items())


def table(rows: Sequence[Row]) -> str:
    """A RouterOS 7 column table of list items."""
    columns = _columns(rows)
    used = [(name, letter) for name, letter in FLAGS if any(_set(row, name) for row in rows)]
    lines: list[str] = []
    if used:
        lines.append("Flags: " + "; ".join(f"{letter} - {name.upper()}" for name, letter in used))
    lines.append("Columns: " + ", ".join(name.upper() for name in columns))
    flag_width = len(used)
    number_width = max(len(str(len(rows) - 1)), 1)
    cells = [[str(row.get(name, "")) for name in columns] for row in rows]
    widths = [
        max([len(name), *(len(line[index]) for line in cells)])
        for index, name in enumerate(columns)
    ]
    head = "#".ljust(number_width) + " " + " " * flag_width
    lines.append(_line(head, [name.upper() for name in columns], widths))
    for number, (row, line) in enumerate(zip(rows, cells, strict=True)):
        flags = "".join(letter if _set(row, name) else " " for name, letter in used)
        lead = str(number).rjust(number_width) + " " + flags
        if row.get("comment"):
            lines.append(" " * (number_width + 1) + ";;; " + row["comment"])
        lines.append(_line(lead, line, widths))
    return "\n".join(lines) + "\n"


def _line(lead: str, cells: Iterable[str], widths: Sequence[int]) -> str:
    padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
    return (lead + " " + "  ".join(padded)).rstrip()


def _columns(rows: Sequence[Row]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for name in row:
            if name not in HIDDEN:
                seen.setdefault(name)
    return list(seen)


def _set(row: Row, name: str) -> bool:
    return row.get(name) in ("true", "yes")


def _flags(row: Row) -> str:
    letters = "".join(letter for name, letter in FLAGS if _set(row, name))
    return letters + " " if letters else ""


def _pairs(row: Row) -> str:
    return " ".join(f"{name}={value}" for name, value in row.items() if name not in HIDDEN)


def _detail(number: int, row: Row) -> str:
    comment = f";;; {row['comment']}\n{'':>3} " if row.get("comment") else ""
    return f"{number:>2} {_flags(row)}{comment}{_pairs(row)}\n"
