"""The RouterOS command trees: which menus, commands and arguments a release has.

The trees in ``vm/sim/trees/`` are ``/console/inspect`` dumps of real CHRs (see the
README there). `load_tree` reads the one a simulated device plays once per process and
every device shares it. A `Tree` answers how the console and the API see names:

* `Tree.resolve` turns a word typed at a menu into the menu or command it names,
  accepting the unique prefixes the console completes (``/ip fire fil pr``);
* `Tree.argument` does the same for an argument name of a command;
* `Tree.menus` lists every menu with its commands and the arguments of each.

A RouterOS 6 version has no tree (`tree_for` answers None): such a device keeps the
hand-written menus only, as before trees existed.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

from tikjobs.vm.exceptions import VmError

Node = Mapping[str, object]
VERSIONS: Final = ("7.16", "7.18.2", "7.20.8", "7.24")
"""The releases whose trees ship with the simulator, oldest first."""
PACKAGES: Final = ("base", "extra")
"""``base``: routeros.npk alone, as a fresh CHR; ``extra``: every x86 package too."""
COMPLETION_TREE: Final = "7.22.2-deep"
"""The tree that also holds the values the console offers for each argument."""

MENU_TYPES: Final = frozenset({"dir", "path"})
"""Node types of a menu: ``path`` is a menu holding only menus (``/ip``)."""

Kind = Literal["dir", "cmd"]


@dataclass(frozen=True)
class Found:
    """What a word names: its full name and whether it is a menu or a command."""

    name: str
    kind: Kind


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts) or (0,)


def tree_version(version: str) -> str | None:
    """The shipped tree a version plays: its own, else the newest older one (the oldest
    for anything before 7.16); None for RouterOS 6 and older."""
    wanted = _version(version)
    if wanted[0] < 7:
        return None
    older = [v for v in VERSIONS if _version(v) <= wanted]
    return older[-1] if older else VERSIONS[0]


def _read(name: str) -> dict[str, object]:
    source = resources.files("tikjobs.vm.sim").joinpath("trees", f"{name}.json.gz")
    try:
        with source.open("rb") as raw, gzip.open(raw) as unpacked:
            data = json.load(unpacked)
    except (OSError, ValueError) as error:
        raise VmError(f"cannot read the RouterOS command tree {name}: {error}") from error
    if not isinstance(data, dict):
        raise VmError(f"the RouterOS command tree {name} is not a JSON object")
    return data


def children(node: Node) -> Iterator[tuple[str, Node]]:
    """A node's menus, commands or arguments, by name."""
    for name, child in node.items():
        if not name.startswith("_") and isinstance(child, dict):
            yield name, child


def kind_of(node: Node) -> str:
    kind = node.get("_type")
    return kind if isinstance(kind, str) else ""


COMPLETIONS: Final = "completions-7.22.2"
"""`derive_completions` of the completion tree, stored so a start need not read it."""


@functools.cache
def completions() -> Mapping[tuple[str, ...], tuple[str, ...]]:
    """The console's completion values per argument (``("ip", "pool", "add", "name")``),
    as `derive_completions` found them in the 7.22.2 tree."""
    stored = _read(COMPLETIONS)
    return {
        tuple(path.split("/")): tuple(str(value) for value in values)
        for path, values in stored.items()
        if isinstance(values, list)
    }


def derive_completions() -> dict[str, list[str]]:
    """The completion values of each argument of the 7.22.2 tree (keyed by the
    ``/``-joined path of the argument), keeping only arguments whose values are all
    words of the language (style ``none`` or ``arg``); an argument offering the names
    of the inspected router's items (``obj-*`` styles) is left out."""
    found: dict[str, list[str]] = {}

    def walk(node: Node, path: tuple[str, ...]) -> None:
        for name, child in children(node):
            if kind_of(child) == "arg":
                offered = child.get("_completion")
                if isinstance(offered, dict) and offered:
                    styles = {str(meta.get("style")) for meta in offered.values()}
                    if styles <= {"none", "arg"}:
                        found["/".join((*path, name))] = list(offered)
            else:
                walk(child, (*path, name))

    walk(_read(COMPLETION_TREE), ())
    return found


class Tree:
    """One release's command tree."""

    def __init__(self, name: str, root: dict[str, object]) -> None:
        self.name = name
        self.root = root
        self._children: dict[tuple[str, ...], dict[str, Kind]] = {}
        self._arguments: dict[tuple[str, ...], tuple[str, ...]] = {}

    def node(self, path: tuple[str, ...]) -> Node | None:
        """The menu or command at ``path`` (full names), or None."""
        node: Node = self.root
        for word in path:
            child = node.get(word)
            if word.startswith("_") or not isinstance(child, dict):
                return None
            node = child
        return node

    def names(self, path: tuple[str, ...]) -> dict[str, Kind]:
        """The menus and commands directly under a menu, by name."""
        known = self._children.get(path)
        if known is None:
            node = self.node(path)
            known = {}
            if node is not None and kind_of(node) != "cmd":
                for name, child in children(node):
                    kind = kind_of(child)
                    if kind in MENU_TYPES:
                        known[name] = "dir"
                    elif kind == "cmd":
                        known[name] = "cmd"
            self._children[path] = known
        return known

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        """What ``word`` names under the menu ``path``: a `Found`; the candidates when
        it is the prefix of several names; None when it names nothing."""
        names = self.names(path)
        kind = names.get(word)
        if kind is not None:
            return Found(word, kind)
        hits = [name for name in names if name.startswith(word)] if word else []
        if len(hits) == 1:
            return Found(hits[0], names[hits[0]])
        return sorted(hits) or None

    def arguments(self, path: tuple[str, ...], command: str) -> tuple[str, ...]:
        """The argument names of a command."""
        key = (*path, command)
        known = self._arguments.get(key)
        if known is None:
            node = self.node(key)
            known = ()
            if node is not None and kind_of(node) == "cmd":
                known = tuple(name for name, child in children(node) if kind_of(child) == "arg")
            self._arguments[key] = known
        return known

    def argument(self, path: tuple[str, ...], command: str, word: str) -> str | list[str] | None:
        """The argument ``word`` names (a unique prefix is enough), the candidates if it
        is ambiguous, or None."""
        names = self.arguments(path, command)
        if word in names:
            return word
        hits = [name for name in names if name.startswith(word)] if word else []
        if len(hits) == 1:
            return hits[0]
        return hits or None

    def desc(self, path: tuple[str, ...], command: str, argument: str) -> str:
        node = self.node((*path, command, argument))
        value = node.get("desc") if node is not None else None
        return value if isinstance(value, str) else ""

    @functools.cached_property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        """Every menu path, depth first in the tree's order (the root excluded)."""
        return tuple(self._menus())

    def menus(self) -> Iterator[tuple[str, ...]]:
        """Every menu path, depth first in the tree's order (the root excluded)."""
        return iter(self.paths)

    def _menus(self) -> Iterator[tuple[str, ...]]:
        def walk(node: Node, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
            for name, child in children(node):
                if kind_of(child) in MENU_TYPES:
                    yield (*path, name)
                    yield from walk(child, (*path, name))

        return walk(self.root, ())

    def commands(self, path: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(name for name, kind in self.names(path).items() if kind == "cmd")


def load_tree(version: str, packages: str = "base") -> Tree:
    """The tree of a shipped release (``7.16``) with ``base`` or ``extra`` packages,
    read once per process."""
    if version not in VERSIONS:
        raise VmError(f"no RouterOS command tree for {version}; have {', '.join(VERSIONS)}")
    if packages not in PACKAGES:
        raise VmError(f"packages must be one of {', '.join(PACKAGES)}, not {packages!r}")
    return _load(version if packages == "base" else f"{version}-extra")


@functools.cache
def _load(name: str) -> Tree:
    return Tree(name, _read(name))


def tree_for(version: str, packages: str = "base") -> Tree | None:
    """The tree a device of ``version`` plays (see `tree_version`); None for 6.x."""
    chosen = tree_version(version)
    return None if chosen is None else load_tree(chosen, packages)
