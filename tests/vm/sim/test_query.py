"""API print queries: the documented examples, the stack operators, and a property check
against a plain Python evaluation of random boolean expressions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.vm.exceptions import InvalidValue, RouterOSError
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.query import compile_query

ROWS = [
    {".id": "*1", "name": "ether1", "type": "ether", "mtu": "1500"},
    {".id": "*2", "name": "vlan10", "type": "vlan", "mtu": "1500", "comment": "office"},
    {".id": "*A", "name": "wg0", "type": "wg", "mtu": "1420"},
    {".id": "*B", "name": "br", "type": "bridge", "mtu": "9000", "comment": ""},
]


def select(*words: str) -> list[str]:
    predicate = compile_query(words)
    assert predicate is not None
    return [row["name"] for row in ROWS if predicate(row)]


def test_no_words_selects_everything() -> None:
    assert compile_query(()) is None


@pytest.mark.parametrize(
    ("words", "names"),
    [
        (("?type=ether",), ["ether1"]),
        (("?=type=ether",), ["ether1"]),
        (("?comment",), ["vlan10", "br"]),
        (("?-comment",), ["ether1", "wg0"]),
        (("?comment=",), ["br"]),
        (("?<mtu=1500",), ["wg0"]),
        (("?>mtu=1500",), ["br"]),
        (("?>.id=*2",), ["wg0", "br"]),
        (("?type=ether", "?type=vlan", "?#|"), ["ether1", "vlan10"]),
        (("?type=ether", "?type=vlan", "?#|!"), ["wg0", "br"]),
        (("?mtu=1500", "?type=vlan", "?#&"), ["vlan10"]),
        (("?mtu=1500", "?comment"), ["vlan10"]),
        (("?type=ether", "?type=vlan", "?type=wg", "?#||"), ["ether1", "vlan10", "wg0"]),
        (("?type=ether", "?type=wg", "?#1"), ["ether1"]),
        (("?type=ether", "?type=wg", "?#0"), ["wg0"]),
        (("?type=ether", "?type=wg", "?#1|"), ["ether1"]),
        (("?type=ether", "?type=wg", "?#1|0"), ["ether1", "wg0"]),
        (("?type=ether", "?#.|"), ["ether1"]),
        (("?type=ether", "?type=wg", "?#1.|0"), ["ether1", "wg0"]),
        (("?type=ether", "?#!!"), ["ether1"]),
    ],
)
def test_documented_query_forms(words: tuple[str, ...], names: list[str]) -> None:
    assert select(*words) == names


@pytest.mark.parametrize("words", [("?#&",), ("?type=ether", "?#|"), ("?#!",), ("?#3",), ("?#x",)])
def test_malformed_queries_are_refused(words: tuple[str, ...]) -> None:
    with pytest.raises(InvalidValue):
        select(*words)


def test_queries_select_rows_through_print() -> None:
    model = RouterModel()
    reply = model.execute(
        Command(
            ("interface",), "print", proplist=("name",), query=("?type=bridge", "?-comment", "?#|")
        )
    )
    names = [row["name"] for row in reply.rows]
    assert names == ["ether1", "ether2", "ether3", "ether4", "ether5", "bridge"]
    count = model.execute(
        Command(("interface",), "print", {"count-only": ""}, query=("?type=ether", "?#!"))
    )
    assert count.ret == "1"


# -- property: any boolean expression, written as query words, selects what Python says --

NAMES = ("a", "b", "c")
VALUES = ("1", "2", "10", "x", "")


class Expression(Protocol):
    def words(self) -> list[str]: ...

    def holds(self, row: dict[str, str]) -> bool: ...


@dataclass(frozen=True)
class Leaf:
    form: str
    name: str
    value: str = ""

    def words(self) -> list[str]:
        return {
            "has": [f"?{self.name}"],
            "lacks": [f"?-{self.name}"],
            "eq": [f"?{self.name}={self.value}"],
            "eq2": [f"?={self.name}={self.value}"],
            "lt": [f"?<{self.name}={self.value}"],
            "gt": [f"?>{self.name}={self.value}"],
        }[self.form]

    def holds(self, row: dict[str, str]) -> bool:
        have = row.get(self.name)
        if self.form == "has":
            return have is not None
        if self.form == "lacks":
            return have is None
        if self.form in ("eq", "eq2"):
            return have == self.value
        if have is None:
            return False
        mine, theirs = order(have), order(self.value)
        return mine < theirs if self.form == "lt" else mine > theirs


def order(text: str) -> tuple[int, int, str]:
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


@dataclass(frozen=True)
class Not:
    inner: Expression

    def words(self) -> list[str]:
        return [*self.inner.words(), "?#!"]

    def holds(self, row: dict[str, str]) -> bool:
        return not self.inner.holds(row)


@dataclass(frozen=True)
class Both:
    left: Expression
    right: Expression
    op: str

    def words(self) -> list[str]:
        return [*self.left.words(), *self.right.words(), f"?#{self.op}"]

    def holds(self, row: dict[str, str]) -> bool:
        left, right = self.left.holds(row), self.right.holds(row)
        return left and right if self.op == "&" else left or right


leaves = st.builds(
    Leaf,
    st.sampled_from(("has", "lacks", "eq", "eq2", "lt", "gt")),
    st.sampled_from(NAMES),
    st.sampled_from(VALUES),
)
expressions: st.SearchStrategy[Expression] = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(Not, inner), st.builds(Both, inner, inner, st.sampled_from("&|"))
    ),
    max_leaves=8,
)
rows = st.dictionaries(st.sampled_from(NAMES), st.sampled_from(VALUES))


@given(st.lists(expressions, min_size=1, max_size=3), st.lists(rows, max_size=8))
def test_query_words_agree_with_python(
    expressions: list[Expression], table: list[dict[str, str]]
) -> None:
    words = [word for expression in expressions for word in expression.words()]
    predicate = compile_query(words)
    assert predicate is not None
    expected = [all(e.holds(row) for e in expressions) for row in table]
    assert [predicate(row) for row in table] == expected


PRINTED = ("list", "comment", ".id", "disabled", "address")
ITEM_VALUES = ("a", "b", "*1", "*3", "10.0.0.1", "true", "false", "")
items = st.lists(
    st.tuples(st.sampled_from(("a", "b")), st.sampled_from(("", "x", "a"))), max_size=8
)
printed_leaves = st.builds(
    Leaf,
    st.sampled_from(("has", "lacks", "eq", "eq2", "lt", "gt")),
    st.sampled_from(PRINTED),
    st.sampled_from(ITEM_VALUES),
)


@given(
    st.lists(
        st.recursive(
            printed_leaves,
            lambda inner: st.one_of(
                st.builds(Not, inner), st.builds(Both, inner, inner, st.sampled_from("&|"))
            ),
            max_leaves=6,
        ),
        min_size=1,
        max_size=3,
    ),
    items,
    st.booleans(),
)
def test_a_print_selects_the_rows_its_query_selects_from_the_whole_print(
    expressions: list[Expression], added: list[tuple[str, str]], from_first: bool
) -> None:
    """The items a query selects are tested before their rows are made: the answer is the
    whole print's rows, filtered by the query, with every property (and ``from``)."""
    model = RouterModel()
    path = ("ip", "firewall", "address-list")
    for number, (listed, comment) in enumerate(added):
        attrs = {"list": listed, "address": f"10.0.0.{number + 1}"}
        if comment:
            attrs["comment"] = comment
        model.execute(Command(path, "add", attrs))
    words = tuple(word for expression in expressions for word in expression.words())
    predicate = compile_query(words)
    assert predicate is not None
    everything = model.execute(Command(path, "print")).rows
    attrs = {"from": everything[0][".id"]} if from_first and everything else {}
    wanted = [
        row for row in everything if predicate(row) and (not attrs or row[".id"] == attrs["from"])
    ]
    assert model.execute(Command(path, "print", attrs, query=words)).rows == wanted
    found = model.execute(Command(path, "find", query=words)).ret
    assert found == ";".join(row[".id"] for row in everything if predicate(row))


NAMES = ("a", "b", "c", "tikjobs-1", "tikjobs-2")
Step = tuple[str, int, str]
steps = st.lists(
    st.tuples(
        st.sampled_from(["add", "rename", "remove"]), st.integers(0, 9), st.sampled_from(NAMES)
    ),
    max_size=25,
)


def _answers_as_the_whole_print(model: RouterModel, path: tuple[str, ...]) -> None:
    everything = model.execute(Command(path, "print")).rows
    for name in NAMES:
        wanted = [row for row in everything if row["name"] == name]
        for word in (f"?name={name}", f"?=name={name}"):
            assert model.execute(Command(path, "print", query=(word,))).rows == wanted
        found = model.execute(Command(path, "find", query=(f"?name={name}",))).ret
        assert found == ";".join(row[".id"] for row in wanted)
    for number in range(1, 12):
        ident = f"*{number:X}"
        wanted = [row for row in everything if row[".id"] == ident]
        assert model.execute(Command(path, "print", query=(f"?.id={ident}",))).rows == wanted


@given(steps)
def test_a_query_by_id_or_name_answers_what_the_whole_print_holds(done: list[Step]) -> None:
    """A print or find whose query is one equality on the id or the menu's key looks the
    item up instead of reading every item: between any adds, renames and removals the
    answer is the whole print's rows with that id or name."""
    model = RouterModel()
    path = ("system", "script")
    for verb, index, name in done:
        ids = [row[".id"] for row in model.execute(Command(path, "print")).rows]
        try:
            if verb == "add":
                model.execute(Command(path, "add", {"name": name}))
            elif ids and verb == "rename":
                model.execute(Command(path, "set", {".id": ids[index % len(ids)], "name": name}))
            elif ids and verb == "remove":
                model.execute(Command(path, "remove", {".id": ids[index % len(ids)]}))
        except RouterOSError:
            pass  # a name already taken is refused, as RouterOS refuses it
        _answers_as_the_whole_print(model, path)
