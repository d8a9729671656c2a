"""The generic menu commands: print, add, set, remove and the rest, over any `Menu`.

`MenuEngine` owns the tables and runs every menu verb from the menu's data alone:
checking attributes against the properties (``unknown parameter``), parsing values with
their kinds, filling defaults, enforcing required properties and uniqueness rules,
resolving item references (``.id``, ``numbers``, names, console numbers), and keeping
references to renamed or removed items consistent. A subclass (the router model) adds
device commands, computed values and what follows a change (`_changed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Final

from tikjobs.vm.exceptions import (
    AlreadyExists,
    InvalidValue,
    MissingProperty,
    NoSuchCommand,
    NoSuchItem,
    RouterOSError,
    UnknownParameter,
)
from tikjobs.vm.sim.command import Command, Reply, Row
from tikjobs.vm.sim.menus import FALSE, TRUE, Gateway, Menu, Reference, References
from tikjobs.vm.sim.model.store import Table, Tables, Values, format_id, parse_id
from tikjobs.vm.sim.query import Predicate, compile_query, sole_equality, where_equal

PRINT_OPTIONS: Final = frozenset(
    "detail stats without-paging terse brief count-only from as-value show-ids value-list oid"
    " interval follow follow-only".split()
)
"""Attributes ``print`` takes besides queries; all but ``from`` and ``count-only`` only
change how a console shows the rows, so the model accepts and ignores them."""
SETTINGS_ID: Final = 1
QUERY_CACHE_SIZE: Final = 512

Handler = Callable[[Menu, Command, str], Reply]


class _Shared:
    """What every engine over the same menus shares: the menus by words and by path,
    the reference index and the base menu of each table (read-only once built)."""

    def __init__(
        self, menus: tuple[Menu, ...], references: dict[str, list[tuple[Menu, str, bool]]]
    ) -> None:
        self.menus = menus
        self.by_words = {menu.words: menu for menu in menus}
        self.by_path = {menu.path: menu for menu in menus}
        self.references = references
        self.bases = {menu.table: menu for menu in menus if menu.table == menu.path}
        self.nodes: set[tuple[str, ...]] | None = None


_SHARED: dict[int, _Shared] = {}
"""Shared menu structures by the identity of the menus tuple (a tree's menus are built
once per process, so every device playing it shares them)."""


def _among(ids: set[str], predicate: Predicate | None) -> Predicate:
    """Items among ``ids`` (a print's ``from``) that ``predicate``, if any, selects."""

    def test(row: Mapping[str, str]) -> bool:
        return row.get(".id") in ids and (predicate is None or predicate(row))

    return test


class _Shown(Mapping[str, str]):
    """One item as ``print`` would show it, read a property at a time: what a query
    tests before the item's row is made (`MenuEngine.rows`)."""

    __slots__ = ("_id", "_number", "_printed", "_values")

    def __init__(self, menu: Menu) -> None:
        self._printed = frozenset(menu.printed)
        self._id = not menu.settings
        self._number = 0
        self._values: Values = {}

    def of(self, number: int, values: Values) -> _Shown:
        self._number, self._values = number, values
        return self

    def __getitem__(self, name: str) -> str:
        if name == ".id" and self._id:
            return format_id(self._number)
        value = self._values.get(name) if name in self._printed else None
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        if self._id:
            yield ".id"
        for name, value in self._values.items():
            if name in self._printed and value is not None:
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


class MenuEngine:
    """Tables of items and the generic commands every list or settings menu takes."""

    def __init__(self, menus: tuple[Menu, ...], *, named_unknown_parameter: bool) -> None:
        shared = _SHARED.get(id(menus))
        if shared is None or shared.menus is not menus:
            shared = _Shared(menus, self._reference_index(menus))
            _SHARED[id(menus)] = shared
        self.shared = shared
        self.menus: Mapping[tuple[str, ...], Menu] = shared.by_words
        self.by_path: Mapping[str, Menu] = shared.by_path
        self.tables: dict[str, Table] = Tables()
        self.live: dict[str, Callable[[], Values]] = {}
        self._named_unknown = named_unknown_parameter
        self._queries: dict[tuple[str, ...], Predicate | None] = {}
        self._references = shared.references
        self._bases = shared.bases
        self.verbs: dict[str, Handler] = {
            "print": self._print,
            "getall": self._print,
            "add": self._add,
            "set": self._set,
            "remove": self._remove,
            "enable": self._enable,
            "disable": self._disable,
            "unset": self._unset,
            "comment": self._comment,
            "get": self._get,
            "find": self._find,
            "move": self._move,
            "reset-counters": self._reset_counters,
        }

    @staticmethod
    def _reference_index(menus: tuple[Menu, ...]) -> dict[str, list[tuple[Menu, str, bool]]]:
        """For each table, the (menu, property, is-list) pairs that name its items."""
        tables = {menu.path: menu.table for menu in menus}
        index: dict[str, list[tuple[Menu, str, bool]]] = {}
        for menu in menus:
            if menu.table != menu.path:
                continue
            for prop in menu.props:
                kind = prop.kind
                if isinstance(kind, Reference | References):
                    target = tables.get(kind.menu, kind.menu)
                    index.setdefault(target, []).append(
                        (menu, prop.name, isinstance(kind, References))
                    )
                elif isinstance(kind, Gateway):
                    index.setdefault("interface", []).append((menu, prop.name, False))
        return index

    # -- errors ---------------------------------------------------------------------

    def unknown_parameter(self, name: str) -> UnknownParameter:
        if self._named_unknown:
            return UnknownParameter(f"unknown parameter {name}")
        return UnknownParameter("unknown parameter")

    @staticmethod
    def no_such(word: str) -> NoSuchCommand:
        return NoSuchCommand(f"no such command or directory ({word})")

    # -- reading --------------------------------------------------------------------

    def table(self, menu: Menu) -> Table:
        return self.tables[menu.table]

    def names(self, menu: str) -> set[str]:
        """The key values of a menu's items (`vm.sim.menus.Lookup`)."""
        view = self.by_path.get(menu)
        if view is None:
            return set()
        key = view.key or "name"
        return {values[key] for _, values in self.table(view).select(view.scope) if key in values}

    def rows(
        self, menu: Menu, test: Predicate | None = None, equal: tuple[str, str] | None = None
    ) -> Iterator[Row]:
        """The menu's items as ``print`` shows them, with ``.id`` unless a settings menu;
        only those ``test`` (a query, or a where) selects when given, each tested before
        its row is made (a query over many items selects few). ``equal``, a property and
        a value ``test`` requires, lets an id or the menu's key be looked up instead of
        every item being read (`_looked_up`)."""
        printed = menu.printed
        live = self.live.get(menu.path)
        extra = live() if live is not None else None
        shown = _Shown(menu)
        for number, values in self._looked_up(menu, equal):
            if extra:
                values = {**values, **extra}
            if test is not None and not test(shown.of(number, values)):
                continue
            row = {} if menu.settings else {".id": format_id(number)}
            for name in printed:
                value = values.get(name)
                if value is not None:
                    row[name] = value
            yield row

    def _looked_up(self, menu: Menu, equal: tuple[str, str] | None) -> Iterator[tuple[int, Values]]:
        """The menu's items, or only those whose id or key ``equal`` names when it names
        one of those (the caller still tests each: this only skips the others). Other
        properties are not looked up: some are kept up to date in place."""
        table = self.table(menu)
        if equal is None or menu.path in self.live:
            return table.select(menu.scope)
        name, value = equal
        if name == ".id" and not menu.settings:
            number = parse_id(value)
            values = None if number is None else table.items.get(number)
            if number is None or values is None:
                return iter(())
            if any(values.get(k) != v for k, v in menu.scope.items()):
                return iter(())
            return iter([(number, values)])
        if name == menu.key and name in menu.printed:
            return table.select_equal(menu.scope, name, value)
        return table.select(menu.scope)

    def _predicate(self, words: tuple[str, ...]) -> Predicate | None:
        if words in self._queries:
            return self._queries[words]
        predicate = compile_query(words)
        if len(self._queries) >= QUERY_CACHE_SIZE:
            self._queries.clear()
        self._queries[words] = predicate
        return predicate

    # -- item references ------------------------------------------------------------

    def targets(self, menu: Menu, attrs: Mapping[str, str]) -> list[int]:
        """The items a command names by ``.id`` or ``numbers`` (a settings menu: its one).

        Each comma-separated reference is an id, a name (menus with a key), or a console
        item number (the position in the menu's listing).
        """
        if menu.settings:
            return [SETTINGS_ID]
        api = ".id" in attrs
        raw = attrs.get(".id", attrs.get("numbers"))
        if raw is None:
            raise MissingProperty("missing value(s) of argument(s) numbers")
        table = self.table(menu)
        listing: list[int] | None = None
        found: list[int] = []
        for part in raw.split(","):
            ref = part.strip()
            hits = self._named(menu, table, ref)
            if not hits and ref.isdigit():
                if listing is None:
                    listing = [number for number, _ in table.select(menu.scope)]
                hits = listing[int(ref) : int(ref) + 1]
            if not hits:
                raise NoSuchItem("no such item (4)" if api else "no such item")
            found.extend(hits)
        return list(dict.fromkeys(found))

    @staticmethod
    def _named(menu: Menu, table: Table, ref: str) -> list[int]:
        """The items an id (``*1A``) or, in a menu with a key, a name refers to."""
        number = parse_id(ref)
        if number is not None:
            values = table.items.get(number)
            if values is None or any(values.get(k) != v for k, v in menu.scope.items()):
                return []
            return [number]
        if menu.key is None or not ref:
            return []
        return [
            number for number, values in table.select(menu.scope) if values.get(menu.key) == ref
        ]

    # -- writing --------------------------------------------------------------------

    def parse_values(self, menu: Menu, attrs: Mapping[str, str]) -> Values:
        """Attributes checked against the menu's properties and written canonically."""
        parsed: Values = {}
        for name, value in attrs.items():
            prop = menu.by_name.get(name)
            if prop is None or prop.read_only:
                raise self.unknown_parameter(name)
            parsed[name] = prop.kind.parse(name, value, self)
        return parsed

    def defaults(self, menu: Menu) -> Values:
        """A new item's values: the table's base defaults, the menu's, then its scope."""
        values: Values = {}
        base = self._bases.get(menu.table)
        for source in (base, menu) if base is not None and base is not menu else (menu,):
            for prop in source.props:
                if prop.default is not None:
                    values[prop.name] = prop.default
        values.update(menu.scope)
        return values

    def check_unique(self, menu: Menu, values: Values, number: int | None) -> None:
        base = self._bases.get(menu.table)
        rules = menu.unique + (base.unique if base is not None and base is not menu else ())
        table = self.table(menu)
        for rule in rules:
            wanted = tuple(values.get(prop) for prop in rule.props)
            if None in wanted:
                continue
            for other in table.holders(rule.props, wanted):
                if other != number and table.items[other].get("dynamic") != TRUE:
                    raise AlreadyExists(rule.message)

    def _auto_name(self, menu: Menu) -> str:
        taken = self.names(menu.path) if menu.table == menu.path else self.names(menu.table)
        counter = 1
        while f"{menu.auto_name}{counter}" in taken:
            counter += 1
        return f"{menu.auto_name}{counter}"

    def insert(self, menu: Menu, given: Mapping[str, str], *, before: int | None = None) -> int:
        """Add an item from parsed values, as ``add`` does, and answer its id."""
        values = self.defaults(menu)
        values.update(given)
        if menu.auto_name and menu.key and menu.key not in values:
            values[menu.key] = self._auto_name(menu)
        missing = [name for name in menu.required if name not in values]
        if missing:
            raise MissingProperty("missing value(s) of argument(s) " + " ".join(missing))
        if menu.derive is not None:
            menu.derive(values, given)
        self.check_unique(menu, values, None)
        return self.table(menu).insert(values, before=before)

    def rename(self, table: str, old: str, new: str) -> None:
        """Follow a renamed item in every property that refers to it by name."""
        for menu, prop, multi in self._references.get(table, ()):
            self.tables[menu.table].touched()
            for values in self.tables[menu.table].items.values():
                current = values.get(prop)
                if current is None:
                    continue
                if multi:
                    parts = [new if part == old else part for part in current.split(",")]
                    values[prop] = ",".join(parts)
                elif current == old:
                    values[prop] = new

    def _writable(self, menu: Menu, number: int, action: str) -> Values:
        values = self.table(menu).items[number]
        if values.get("dynamic") == TRUE:
            raise RouterOSError(f"failure: can not {action} dynamic entry", 4)
        return values

    def update(self, menu: Menu, number: int, given: Mapping[str, str]) -> Values:
        """Apply parsed values to an item (the rules of ``set``); answer the old values."""
        old = self._writable(menu, number, "change")
        values = {**old, **given}
        if menu.derive is not None:
            menu.derive(values, given)
        self.check_unique(menu, values, number)
        key = menu.key
        if key is not None and key in given and old.get(key) != values.get(key):
            old_name, new_name = old.get(key), values.get(key)
            if old_name is not None and new_name is not None:
                self.rename(menu.table, old_name, new_name)
        self.table(menu).put(number, values)
        return old

    def delete(self, menu: Menu, number: int) -> Values:
        """Remove an item; references to it by name become its id, as RouterOS shows."""
        values = self._writable(menu, number, "remove")
        if values.get("builtin") == TRUE:
            raise RouterOSError("failure: can not remove builtin entry", 4)
        base = self._bases.get(menu.table, menu)
        if base.permanent is not None and base.permanent in values:
            raise RouterOSError(f"failure: can not remove {base.noun}", 4)
        self.table(menu).remove(number)
        key = menu.key
        if key is not None and key in values:
            self.rename(menu.table, values[key], format_id(number))
        return values

    # -- verbs ----------------------------------------------------------------------

    def _changed(self, menu: Menu, action: str, number: int, user: str) -> None:
        """Hook run after every successful change (history, derived entries)."""

    def _print(self, menu: Menu, command: Command, user: str) -> Reply:
        attrs = command.attrs
        for name in attrs:
            if name not in PRINT_OPTIONS:
                raise self.unknown_parameter(name)
        predicate = self._predicate(command.query) if command.query else None
        test = predicate
        if "from" in attrs:
            wanted = {format_id(n) for n in self.targets(menu, {"numbers": attrs["from"]})}
            test = _among(wanted, predicate)
        rows = self.rows(menu, test, sole_equality(command.query))
        if "count-only" in attrs:
            return Reply(ret=str(sum(1 for _ in rows)))
        proplist = command.proplist
        if proplist is None:
            return Reply(list(rows))
        return Reply([{k: row[k] for k in proplist if k in row} for row in rows])

    def _find(self, menu: Menu, command: Command, user: str) -> Reply:
        filters = dict(command.attrs)
        for name in filters:
            if name not in menu.by_name and name != ".id":
                raise self.unknown_parameter(name)
        equal = where_equal(filters)
        predicate = self._predicate(command.query) if command.query else None
        rows = self.rows(menu, predicate, sole_equality(command.query))
        found = [row[".id"] for row in rows if equal is None or equal(row)]
        return Reply(ret=";".join(found))

    def _add(self, menu: Menu, command: Command, user: str) -> Reply:
        attrs = dict(command.attrs)
        before: int | None = None
        if menu.ordered and "place-before" in attrs:
            before = self.targets(menu, {"numbers": attrs.pop("place-before")})[0]
        number = self.insert(menu, self.parse_values(menu, attrs), before=before)
        self._changed(menu, "added", number, user)
        return Reply(ret=format_id(number))

    @staticmethod
    def _split_ids(attrs: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        refs = {k: v for k, v in attrs.items() if k in (".id", "numbers")}
        rest = {k: v for k, v in attrs.items() if k not in (".id", "numbers")}
        return refs, rest

    def _set(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        targets = self.targets(menu, refs)
        given = self.parse_values(menu, rest)
        for number in targets:
            self.update(menu, number, given)
        for number in targets:
            self._changed(menu, "changed", number, user)
        return Reply()

    def _remove(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        for name in rest:
            raise self.unknown_parameter(name)
        targets = self.targets(menu, refs)
        table = self.table(menu)
        for number in targets:
            if table.items[number].get("dynamic") == TRUE:
                raise RouterOSError("failure: can not remove dynamic entry", 4)
        for number in targets:
            self.delete(menu, number)
            self._changed(menu, "removed", number, user)
        return Reply()

    def _switch(self, menu: Menu, command: Command, user: str, disabled: str) -> Reply:
        if "disabled" not in menu.by_name:
            raise self.no_such(command.verb)
        refs, rest = self._split_ids(command.attrs)
        for name in rest:
            raise self.unknown_parameter(name)
        targets = self.targets(menu, refs)
        for number in targets:
            self.update(menu, number, {"disabled": disabled})
        for number in targets:
            self._changed(menu, "changed", number, user)
        return Reply()

    def _enable(self, menu: Menu, command: Command, user: str) -> Reply:
        return self._switch(menu, command, user, FALSE)

    def _disable(self, menu: Menu, command: Command, user: str) -> Reply:
        return self._switch(menu, command, user, TRUE)

    def _comment(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        comment = rest.pop("comment", None)
        for name in rest:
            raise self.unknown_parameter(name)
        if comment is None:
            raise MissingProperty("missing value(s) of argument(s) comment")
        return self._set(menu, Command(command.path, "set", {**refs, "comment": comment}), user)

    def _unset(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        names = rest.pop("value-name", None)
        for name in rest:
            raise self.unknown_parameter(name)
        if not names:
            raise MissingProperty("missing value(s) of argument(s) value-name")
        targets = self.targets(menu, refs)
        for name in names.split(","):
            prop = menu.by_name.get(name)
            if prop is None or prop.read_only:
                raise InvalidValue("input does not match any value of value-name")
            if name in menu.required:
                raise InvalidValue(f"failure: can not unset {name}")
        for number in targets:
            values = dict(self._writable(menu, number, "change"))
            for name in names.split(","):
                default = menu.by_name[name].default
                if default is None:
                    values.pop(name, None)
                else:
                    values[name] = default
            self.check_unique(menu, values, number)
            self.table(menu).put(number, values)
        for number in targets:
            self._changed(menu, "changed", number, user)
        return Reply()

    def _get(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        name = rest.pop("value-name", None)
        for extra in rest:
            raise self.unknown_parameter(extra)
        targets = self.targets(menu, refs)
        if len(targets) != 1:
            raise InvalidValue("invalid internal item number")
        if name is None:
            raise MissingProperty("missing value(s) of argument(s) value-name")
        if name not in menu.printed and name != ".id":
            raise InvalidValue("input does not match any value of value-name")
        wanted = format_id(targets[0])
        for row in self.rows(menu):
            if menu.settings or row.get(".id") == wanted:
                value = wanted if name == ".id" else row.get(name, "")
                return Reply(ret=value)
        raise NoSuchItem("no such item")

    def _move(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        destination = rest.pop("destination", None)
        for name in rest:
            raise self.unknown_parameter(name)
        targets = self.targets(menu, refs)
        before = None
        if destination is not None:
            before = self.targets(menu, {"numbers": destination})[0]
        self.table(menu).move(targets, before)
        for number in targets:
            self._changed(menu, "moved", number, user)
        return Reply()

    def _reset_counters(self, menu: Menu, command: Command, user: str) -> Reply:
        refs, rest = self._split_ids(command.attrs)
        for name in rest:
            raise self.unknown_parameter(name)
        for number in self.targets(menu, refs) if refs else self.table(menu).items:
            values = self.table(menu).items[number]
            for counter in ("bytes", "packets"):
                if counter in values:
                    values[counter] = "0"
        return Reply()
