"""The grammar: console lines on menus, relative paths, values, conditions, and syntax
errors worded and placed as RouterOS places them."""

from __future__ import annotations

from ipaddress import IPv4Interface

import pytest

from tikjobs.vm.exceptions import ScriptError
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.script import parse
from tikjobs.vm.sim.script.nodes import (
    Binary,
    Builtin,
    CodeLiteral,
    Juxtaposition,
    Literal,
    MenuCommand,
    Property,
    Substitution,
    Text,
    Unary,
    Variable,
)


def commands(source: str) -> list[MenuCommand]:
    found = parse(source).statements
    assert all(isinstance(statement, MenuCommand) for statement in found)
    return found  # type: ignore[return-value]


def only(source: str) -> MenuCommand:
    (command,) = commands(source)
    return command


@pytest.mark.parametrize(
    "source",
    [
        "/ip address add address=10.0.0.1/24 interface=ether1",
        "/ip/address/add address=10.0.0.1/24 interface=ether1",
        "/ip address\nadd address=10.0.0.1/24 interface=ether1",
        "/ip\naddress add address=10.0.0.1/24 interface=ether1",
        "/ip address add \\\n    address=10.0.0.1/24 interface=ether1",
    ],
)
def test_every_way_of_writing_a_path_names_the_same_command(source: str) -> None:
    command = only(source)
    assert (command.path, command.verb) == (("ip", "address"), "add")
    assert set(command.args.named) == {"address", "interface"}
    address = command.args.named["address"]
    assert isinstance(address, Literal)
    assert address.value == IPv4Interface("10.0.0.1/24")
    assert address.text == "10.0.0.1/24"


def test_a_path_line_sets_the_menu_for_the_lines_after_it_as_in_an_export() -> None:
    source = """/interface bridge
add name=bridge1
/interface bridge port
add bridge=bridge1 interface=ether2
add bridge=bridge1 interface=ether3
/ip firewall filter add chain=input action=accept
add chain=forward"""
    found = [(c.path, c.verb) for c in commands(source)]
    assert found == [
        (("interface", "bridge"), "add"),
        (("interface", "bridge", "port"), "add"),
        (("interface", "bridge", "port"), "add"),
        (("ip", "firewall", "filter"), "add"),
        (("interface", "bridge", "port"), "add"),
    ]


def test_the_menu_chosen_inside_a_block_ends_with_the_block() -> None:
    (block, after) = parse("{\n/ip address\nprint\n}\n/system\nidentity print").statements
    assert isinstance(block.statements[0], MenuCommand)  # type: ignore[union-attr]
    assert block.statements[0].path == ("ip", "address")  # type: ignore[union-attr]
    assert isinstance(after, MenuCommand)
    assert after.path == ("system", "identity")


def test_dot_dot_goes_up_a_menu() -> None:
    command = only("/ip firewall filter\n.. nat add chain=srcnat action=masquerade")
    assert command.path == ("ip", "firewall", "nat")


def test_commands_inside_brackets_are_relative_to_their_command() -> None:
    command = only("/interface ethernet set [ find default-name=ether1 ] name=wan")
    (ref,) = command.args.positional
    assert isinstance(ref, Substitution)
    (inner,) = ref.body.statements
    assert isinstance(inner, MenuCommand)
    assert (inner.path, inner.verb) == (("interface", "ethernet"), "find")
    assert isinstance(inner.args.named["default-name"], Literal)


@pytest.mark.parametrize(
    ("source", "path", "verb", "positional"),
    [
        ("/system reboot", ("system",), "reboot", []),
        ("/export", (), "export", []),
        ("/system script run backup", ("system", "script"), "run", ["backup"]),
        ('/log info "hello"', ("log",), "info", ["hello"]),
        ("/ip address print count-only", ("ip", "address"), "print", ["count-only"]),
        ("/tool fetch url=http://x/", ("tool",), "fetch", []),
        ("/ip address remove 0", ("ip", "address"), "remove", ["0"]),
    ],
)
def test_where_the_path_ends(
    source: str, path: tuple[str, ...], verb: str, positional: list[str]
) -> None:
    command = only(source)
    assert (command.path, command.verb) == (path, verb)
    words = [
        arg.text if isinstance(arg, Literal) else "".join(map(str, arg.parts))  # type: ignore[union-attr]
        for arg in command.args.positional
    ]
    assert words == positional


def test_a_colon_command_may_be_written_without_the_colon_where_no_menu_claims_it() -> None:
    put, find_in_menu = parse(':put "x"\n/ip address\nfind comment=x').statements
    assert isinstance(put, Builtin)
    assert put.name == "put"
    assert isinstance(find_in_menu, MenuCommand)
    assert find_in_menu.verb == "find"


def test_where_conditions_name_properties_on_the_left() -> None:
    command = only('/ip address find where interface=ether1 and !disabled or comment~"lab"')
    condition = command.args.where
    assert isinstance(condition, Binary)
    assert condition.op == "||"
    both = condition.left
    assert isinstance(both, Binary)
    assert both.op == "&&"
    assert isinstance(both.left, Binary)
    assert isinstance(both.left.left, Property)
    assert both.left.left.name == "interface"
    assert isinstance(both.left.right, Literal)
    assert both.left.right.value == "ether1"
    negation = both.right
    assert isinstance(negation, Unary)
    assert negation.op == "!"
    assert isinstance(negation.operand, Unary)
    assert negation.operand.op == "?"
    assert isinstance(negation.operand.operand, Property)
    assert negation.operand.operand.name == "disabled"
    assert isinstance(condition.right, Binary)
    assert condition.right.op == "~"


def test_values_written_together_are_concatenated() -> None:
    command = only('/interface set ether1 name=wan$n comment=($a . "x")')
    name = command.args.named["name"]
    assert isinstance(name, Juxtaposition)
    assert isinstance(name.parts[0], Literal)
    assert isinstance(name.parts[1], Variable)
    assert isinstance(command.args.named["comment"], Binary)


def test_strings_interpolate_variables_commands_and_expressions() -> None:
    (put,) = parse(':put "a $x [$y] $[:len $z] $(1 + 2) \\$w"').statements
    assert isinstance(put, Builtin)
    (text,) = put.args.positional
    assert isinstance(text, Text)
    kinds = [type(part).__name__ for part in text.parts]
    assert kinds == [
        "str", "Variable", "str", "Variable", "str", "Substitution", "str", "Binary", "str"
    ]  # fmt: skip
    assert text.parts[-1] == " $w"


def test_do_arguments_are_code_and_other_braces_are_arrays() -> None:
    (local, if_) = parse(":local a {1;2;k=3}\n:if ($a) do={ :put 1 } else={ :put 2 }").statements
    assert isinstance(local, Builtin)
    assert type(local.args.positional[1]).__name__ == "ArrayLiteral"
    assert isinstance(if_, Builtin)
    assert isinstance(if_.args.named["do"], CodeLiteral)
    assert isinstance(if_.args.named["else"], CodeLiteral)


@pytest.mark.parametrize(
    ("expression", "shape"),
    [
        ("1 + 2 * 3", ("+", 1, ("*", 2, 3))),
        ("(1 + 2) * 3", ("*", ("+", 1, 2), 3)),
        ("10 - 4 - 3", ("-", ("-", 10, 4), 3)),
        ("1 < 2 && 3 > 2", ("&&", ("<", 1, 2), (">", 3, 2))),
        ("10/2", ("/", 10, 2)),
        ('"a" . 1 + 2', (".", "a", ("+", 1, 2))),
    ],
)
def test_operator_precedence(expression: str, shape: object) -> None:
    (put,) = parse(f":put ({expression})").statements
    assert isinstance(put, Builtin)
    assert _shape(put.args.positional[0]) == shape


def _shape(expr: object) -> object:
    if isinstance(expr, Binary):
        return (expr.op, _shape(expr.left), _shape(expr.right))
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Text):
        return "".join(map(str, expr.parts))
    raise AssertionError(expr)


def test_an_address_with_a_length_is_a_prefix_inside_an_expression() -> None:
    (put,) = parse(":put (10.0.0.0/8)").statements
    assert isinstance(put, Builtin)
    assert _shape(put.args.positional[0]) == IPv4Interface("10.0.0.0/8")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (":put (1 +)", "syntax error (line 1 column 10)"),
        (':put "a" "b"', "expected end of command (line 1 column 10)"),
        (":foo 1", "bad command name foo (line 1 column 2)"),
        (":put 1\n:bogus", "bad command name bogus (line 2 column 2)"),
        ("{ :put 1", "expected closing brace (line 1 column 9)"),
        (":if (true) do={\n  :put 1\n", "expected closing brace (line 3 column 1)"),
        (":put [:len 1", "syntax error (line 1 column 13)"),
        (":put )", "syntax error (line 1 column 6)"),
        (":put $", "expected variable name (line 1 column 7)"),
        (":", "expected command name (line 1 column 2)"),
        (":put 1 }", "syntax error (line 1 column 8)"),
    ],
)
def test_syntax_errors_are_worded_and_placed(source: str, message: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse(source)
    assert caught.value.message == message
    line, column = message.rsplit("(line ", 1)[1].rstrip(")").split(" column ")
    assert (caught.value.line, caught.value.column) == (int(line), int(column))
    assert caught.value.category == 3


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/foo bar", "bad command name foo (line 1 column 2)"),
        ("/ip addres", "bad command name addres (line 1 column 5)"),
        ("/ip address frobnicate", "bad command name frobnicate (line 1 column 13)"),
        ("/ip/address/monitor", "bad command name monitor (line 1 column 13)"),
        ("/ip address\nmonitor x=1", "bad command name monitor (line 2 column 1)"),
        ("add address=10.0.0.1/24", "bad command name add (line 1 column 1)"),
        (":put 1\n:if (false) do={ /foo print }", "bad command name foo (line 2 column 19)"),
        (
            "/ip firewall\nfilter { print }\nnat2 { print }",
            "bad command name nat2 (line 3 column 1)",
        ),
        (":put [/system identit get name]", "bad command name identit (line 1 column 15)"),
    ],
)
def test_commands_the_device_does_not_have_are_syntax_errors(source: str, message: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse(source, RouterModel().knows)
    assert caught.value.message == message
    assert caught.value.category == 3


@pytest.mark.parametrize(
    "source",
    [
        "/ip address add address=10.0.0.1/24 interface=ether1",
        "/ip address\nadd address=10.0.0.1/24 interface=ether1\n/ip route print",
        "/system script environment print",
        "/system/scheduler { print }",
        "/ip firewall filter\n.. nat print",
        "/log info hello",
        "/export",
    ],
)
def test_commands_the_device_has_parse(source: str) -> None:
    knows = Device(RouterModel()).knows
    assert parse(source, knows).statements == parse(source).statements


def test_a_leading_dot_names_an_argument_of_the_group_before_it() -> None:
    (command,) = parse(
        "/routing bgp connection add local.address=10.0.0.1 \\\n    .role=ebgp name=a"
        " remote.address=10.0.0.2 .as=65001 .id=*1"
    ).statements
    assert isinstance(command, MenuCommand)
    assert list(command.args.named) == [
        "local.address", "local.role", "name", "remote.address", "remote.as", ".id"
    ]  # fmt: skip
