"""Values: how words are typed, how values print, and what :typeof answers."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface, IPv6Address

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vm.sim.script.conftest import ModelConsole
from tikjobs.vm.sim.script.values import (
    Duration,
    ItemId,
    RosArray,
    Value,
    parse_literal,
    parse_time,
    to_str,
    typed,
)

SECOND = 10**9


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("*1A", ItemId(26)),
        ("42", 42),
        ("-7", -7),
        ("0x10", 16),
        ("10.0.0.1", IPv4Address("10.0.0.1")),
        ("10.0.0.1/24", IPv4Interface("10.0.0.1/24")),
        ("1s", Duration(SECOND)),
        ("1h30m", Duration(5400 * SECOND)),
        ("500ms", Duration(SECOND // 2)),
        ("00:00:10", Duration(10 * SECOND)),
        ("1d02:03:04", Duration((86400 + 7384) * SECOND)),
        ("::1", IPv6Address("::1")),
        ("true", True),
        ("false", False),
        ("ether1", "ether1"),
        ("256.1.1.1", "256.1.1.1"),
        ("52:54:00:12:34:56", "52:54:00:12:34:56"),
        ("99999999999999999999", "99999999999999999999"),
        ("yes", "yes"),
    ],
)
def test_words_are_typed_as_the_console_types_them(word: str, value: Value) -> None:
    assert parse_literal(word) == value
    assert type(parse_literal(word)) is type(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Duration(SECOND), "00:00:01"),
        (Duration(5400 * SECOND), "01:30:00"),
        (Duration(86400 * SECOND), "1d00:00:00"),
        (Duration(8 * 86400 * SECOND), "1w1d00:00:00"),
        (Duration(1500 * 10**6), "00:00:01.500"),
        (Duration(-SECOND), "-00:00:01"),
        (ItemId(255), "*FF"),
        (IPv4Interface("10.0.0.1/24"), "10.0.0.1/24"),
        (True, "true"),
        (RosArray([1, "a"], {"z": 2, "b": 3}), "1;a;b=3;z=2"),
    ],
)
def test_string_forms(value: Value, text: str) -> None:
    assert to_str(value) == text


@given(st.integers(min_value=-(10**15), max_value=10**15).map(lambda ms: ms * 10**6))
def test_times_print_in_a_form_that_reads_back(nanoseconds: int) -> None:
    assert parse_time(to_str(Duration(nanoseconds))) == Duration(nanoseconds)


def test_device_answers_that_list_typed_values_become_arrays() -> None:
    servers = typed("8.8.8.8,1.1.1.1")
    assert isinstance(servers, RosArray)
    assert servers.values() == [IPv4Address("8.8.8.8"), IPv4Address("1.1.1.1")]
    assert typed("a,b") == "a,b"


@pytest.mark.parametrize(
    ("expression", "name"),
    [
        ('"text"', "str"),
        ("42", "num"),
        ("true", "bool"),
        ("*1", "id"),
        ("10.0.0.1", "ip"),
        ("10.0.0.0/8", "ip-prefix"),
        ("2001:db8::1", "ip6"),
        ("2001:db8::/32", "ip6-prefix"),
        ("1m", "time"),
        ("{1;2}", "array"),
        ("[:nothing]", "nothing"),
        ("$undeclared", "nothing"),
        ('[:find "abc" "z"]', "nil"),
        ('[:parse ":put 1"]', "code"),
    ],
)
def test_typeof_names_every_type(console: ModelConsole, expression: str, name: str) -> None:
    assert console.run(f":put [:typeof {expression}]") == name + "\n"


def test_a_declared_variable_without_a_value_is_nil(console: ModelConsole) -> None:
    assert console.run(":local v\n:put [:typeof $v]") == "nil\n"
