"""Menu commands in scripts, run against the real device model: what they change on the
device, what ``find``/``get``/``print`` answer, and exports that replay."""

from __future__ import annotations

import pytest

from tests.vm.sim.script.conftest import ModelConsole
from tikjobs.vm.exceptions import NoSuchItem, ScriptError
from tikjobs.vm.sim.command import Command, Row
from tikjobs.vm.sim.model import RouterModel


def rows(model: RouterModel, *path: str) -> list[Row]:
    return model.execute(Command(path, "print")).rows


def address_rows(model: RouterModel) -> dict[str, Row]:
    return {row["address"]: row for row in rows(model, "ip", "address")}


def test_an_address_added_by_a_script_is_on_the_device(console: ModelConsole) -> None:
    console.run('/ip address add address=10.20.0.1/24 interface=ether3 comment="lab net"')
    added = address_rows(console.model)["10.20.0.1/24"]
    assert (added["interface"], added["comment"], added["network"]) == (
        "ether3",
        "lab net",
        "10.20.0.0",
    )
    assert console.commands[0] == Command(
        ("ip", "address"),
        "add",
        {"address": "10.20.0.1/24", "interface": "ether3", "comment": "lab net"},
    )


def test_relative_commands_follow_the_menu_line(console: ModelConsole) -> None:
    console.run(
        "/ip address\n"
        "add address=10.21.0.1/24 interface=ether3\n"
        "add address=10.22.0.1/24 interface=ether4\n"
        "/ip/firewall/filter/add chain=input action=accept protocol=tcp dst-port=22\n"
        "/ip firewall filter add chain=input action=drop"
    )
    assert {"10.21.0.1/24", "10.22.0.1/24"} <= set(address_rows(console.model))
    filters = rows(console.model, "ip", "firewall", "filter")
    assert [(row["chain"], row["action"]) for row in filters] == [
        ("input", "accept"),
        ("input", "drop"),
    ]


def test_add_answers_the_new_items_id(console: ModelConsole) -> None:
    output = console.run(
        ":local id [/ip address add address=10.23.0.1/24 interface=ether3]\n"
        ":put [:typeof $id]\n"
        ":put [/ip address get $id address]"
    )
    assert output == "id\n10.23.0.1/24\n"


def test_set_by_find_renames_an_interface(console: ModelConsole) -> None:
    console.run("/interface ethernet\nset [ find default-name=ether1 ] name=wan mtu=1400")
    names = {row.get("default-name"): row for row in rows(console.model, "interface")}
    assert (names["ether1"]["name"], names["ether1"]["mtu"]) == ("wan", "1400")


def test_find_where_selects_with_the_whole_condition_language(console: ModelConsole) -> None:
    console.run(
        "/ip address\n"
        'add address=10.30.0.1/24 interface=ether3 comment="lab a"\n'
        'add address=10.31.0.1/24 interface=ether4 comment="lab b" disabled=yes\n'
        'add address=172.16.0.1/24 interface=ether4 comment="office"'
    )
    queries = {
        'comment~"^lab"': ["10.30.0.1/24", "10.31.0.1/24"],
        'comment~"^lab" and !disabled': ["10.30.0.1/24"],
        "interface=ether4 or address in 10.30.0.0/16": [
            "10.30.0.1/24",
            "10.31.0.1/24",
            "172.16.0.1/24",
        ],
        "disabled": ["10.31.0.1/24"],
        "address in 172.16.0.0/12": ["172.16.0.1/24"],
        'not (comment~"lab" or comment="defconf") and interface=ether4': ["172.16.0.1/24"],
    }
    for condition, expected in queries.items():
        output = console.run(
            f":foreach i in=[/ip address find where {condition}] do={{"
            " :put [/ip address get $i address] }"
        )
        assert output.split() == expected, condition


def test_find_with_named_filters_and_variables(console: ModelConsole) -> None:
    output = console.run(
        ':local want "ether1"\n'
        ":put [:len [/interface find name=$want]]\n"
        ":put [:len [/interface find where name=$want]]\n"
        ":put [:len [/interface find type=ether]]"
    )
    assert output == "1\n1\n5\n"


def test_find_filters_compare_as_the_equals_operator_over_many_items(
    console: ModelConsole,
) -> None:
    lines = ["/ip firewall address-list"]
    for number in range(300):
        listed = "blocked" if number % 3 else "allowed"
        note = f' comment="host{number}"' if number % 2 else ""
        lines.append(f"add list={listed} address=10.9.{number // 250}.{number % 250}{note}")
    console.run("\n".join(lines))
    output = console.run(
        "/ip firewall address-list\n"
        ":put [:len [find list=blocked]]\n"
        ':put [:len [find list="blocked" address=10.9.1.49]]\n'
        ":put [:len [find address=10.9.1.49]]\n"
        ':put [:len [find address="10.9.1.49"]]\n'
        ':put [:len [find comment="host299"]]\n'
        ':put [:len [find comment=""]]\n'
        ":put [:len [find comment=host2]]"
    )
    # 200 of 300 blocked; item 299 is 10.9.1.49, blocked, commented; 150 have no comment.
    assert output.splitlines() == ["200", "1", "1", "1", "1", "150", "0"]


def test_remove_by_find_removes_only_the_matching_items(console: ModelConsole) -> None:
    console.run(
        "/ip address\n"
        'add address=10.40.0.1/24 interface=ether3 comment="temp"\n'
        'add address=10.41.0.1/24 interface=ether3 comment="temp"\n'
        'add address=10.42.0.1/24 interface=ether3 comment="keep"\n'
        'remove [find comment="temp"]\n'
        'remove [find comment="no such comment"]'
    )
    remaining = address_rows(console.model)
    assert "10.42.0.1/24" in remaining
    assert not {"10.40.0.1/24", "10.41.0.1/24"} & set(remaining)


def test_enable_disable_and_comment(console: ModelConsole) -> None:
    console.run(
        "/ip address add address=10.43.0.1/24 interface=ether3\n"
        "/ip address disable [find address=10.43.0.1/24]\n"
    )
    assert address_rows(console.model)["10.43.0.1/24"]["disabled"] == "true"
    console.run(
        "/ip address enable [find address=10.43.0.1/24]\n"
        '/ip address comment [find address=10.43.0.1/24] comment="now on"'
    )
    row = address_rows(console.model)["10.43.0.1/24"]
    assert (row["disabled"], row["comment"]) == ("false", "now on")


def test_get_answers_typed_values(console: ModelConsole) -> None:
    output = console.run(
        ":put [/system identity get name]\n"
        ":put [/interface get ether1 mtu]\n"
        ":put [:typeof [/interface get ether1 mtu]]\n"
        ":put [:typeof [/interface get ether1 running]]\n"
        ":local item [/interface get ether2]\n"
        ':put ($item->"name")\n'
        ":put [:typeof [/ip address get [find interface=ether1] address]]"
    )
    assert output == "MikroTik\n1500\nnum\nbool\nether2\nip-prefix\n"


def test_get_of_a_missing_item_is_no_such_item(console: ModelConsole) -> None:
    with pytest.raises(NoSuchItem, match=r"^no such item$"):
        console.run(":put [/interface get nosuch mtu]")


def test_settings_menus_set_and_print(console: ModelConsole) -> None:
    output = console.run('/system identity set name="edge 1"\n/system identity print')
    assert output == "  name: edge 1\n"
    assert rows(console.model, "system", "identity") == [{"name": "edge 1"}]


def test_print_writes_a_table_of_the_items(console: ModelConsole) -> None:
    output = console.run("/ip address print")
    lines = output.splitlines()
    assert lines[0] == "Columns: ADDRESS, NETWORK, INTERFACE, ACTUAL-INTERFACE"
    assert lines[1].split() == ["#", "ADDRESS", "NETWORK", "INTERFACE", "ACTUAL-INTERFACE"]
    assert ";;; defconf" in lines[2]
    assert lines[3].split() == ["0", "192.168.88.1/24", "192.168.88.0", "bridge", "bridge"]
    assert lines[4].split() == ["1", "10.0.0.2/24", "10.0.0.0", "ether1", "ether1"]


def test_print_variants(console: ModelConsole) -> None:
    output = console.run(
        "/ip address print count-only\n"
        ":put [/ip address print count-only where interface=ether1]\n"
        ":local items [/ip address print as-value where interface=ether1]\n"
        ':put ($items->0->"address")\n'
        "/ip address print terse where interface=bridge"
    )
    assert output.splitlines() == [
        "2",
        "1",
        "10.0.0.2/24",
        " 0 address=192.168.88.1/24 network=192.168.88.0 interface=bridge actual-interface=bridge",
    ]


def test_console_numbers_name_items_in_print_order(console: ModelConsole) -> None:
    console.run("/ip address set 1 comment=uplink")
    assert address_rows(console.model)["10.0.0.2/24"]["comment"] == "uplink"


def test_log_menu_commands_take_the_message_unnamed(console: ModelConsole) -> None:
    console.run('/log info "plain"\n/log warning message="named"')
    logged = [(row["topics"], row["message"]) for row in rows(console.model, "log")[-2:]]
    assert logged == [("script,info", "plain"), ("script,warning", "named")]


def test_errors_from_the_device_pass_through_as_it_raised_them(console: ModelConsole) -> None:
    with pytest.raises(NoSuchItem, match=r"^no such item$"):
        console.run("/ip address set 99 comment=x")


def test_export_inside_a_script_writes_the_configuration(console: ModelConsole) -> None:
    output = console.run("/ip address add address=10.60.0.1/24 interface=ether3\n/export")
    assert output.startswith("# ")
    assert "add address=10.60.0.1/24 interface=ether3 network=10.60.0.0" in output


def test_an_export_replays_on_a_bare_device_to_the_same_configuration(
    console: ModelConsole,
) -> None:
    console.run(
        """
/interface ethernet set [ find default-name=ether4 ] name=wan2 mtu=1400
/ip address add address=10.70.0.1/24 interface=ether3 comment="lab \\"quoted\\" \\$5"
/ip firewall filter add chain=input action=accept protocol=tcp dst-port=22 comment=ssh
/ip firewall filter add chain=input action=drop
/system identity set name="edge router"
/ip dns set servers=8.8.8.8,1.1.1.1
/system script add name=hello source=":put \\"hi\\"\\r\\n:log info \\"done\\""
/system scheduler add name=tick interval=1m on-event="/system script run hello"
"""
    )
    exported = console.model.execute(Command((), "export")).ret
    assert exported is not None
    bare = RouterModel()
    bare.reset(defaults=False)
    ModelConsole(bare).run(exported)
    replayed = bare.execute(Command((), "export")).ret
    assert replayed is not None
    assert replayed.splitlines()[1:] == exported.splitlines()[1:]
    scripts = rows(bare, "system", "script")
    assert [row["source"] for row in scripts] == [':put "hi"\r\n:log info "done"']


def test_an_empty_value_matches_items_without_the_property(console: ModelConsole) -> None:
    output = console.run(
        ':put [/ip address get [find where comment=""] address]\n'
        ':put [/ip address get [find comment=""] address]\n'
        ":put [:len [/ip address find where comment]]"
    )
    assert output == "10.0.0.2/24\n10.0.0.2/24\n1\n"


def test_an_argument_the_command_lacks_stops_the_script_before_it_runs(
    console: ModelConsole,
) -> None:
    with pytest.raises(ScriptError, match=r"^expected end of command \(line 2 column 55\)$"):
        console.run(
            "/ip pool add name=early\n"
            "/ip address add address=10.50.0.1/24 interface=ether3 colour=red"
        )
    assert console.model.items("ip/pool") == []


def test_abbreviated_menus_commands_and_arguments_run_as_on_a_router(
    console: ModelConsole,
) -> None:
    console.run("/ip addr add addr=10.51.0.1/24 int=ether3 comm=short")
    output = console.run("/ip fire fil add cha=input act=drop\n/ip fire fil pr")
    assert "input" in output
    rows = console.model.items("ip/address")
    assert {"address": "10.51.0.1/24", "interface": "ether3", "comment": "short"}.items() <= {
        k: v for row in rows if row.get("comment") == "short" for k, v in row.items()
    }.items()


def test_an_unknown_menu_word_is_a_bad_command_name_where_it_was_written(
    console: ModelConsole,
) -> None:
    with pytest.raises(ScriptError, match=r"^bad command name adress \(line 1 column 5\)$"):
        console.run("/ip adress print")
    with pytest.raises(ScriptError, match=r"^bad command name d \(line 1 column 5\)$"):
        console.run("/ip d print")
