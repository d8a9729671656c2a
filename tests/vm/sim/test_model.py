"""The device model: a fresh router, menu commands, errors, dynamic entries, files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tikjobs.vm.exceptions import (
    AlreadyExists,
    InvalidValue,
    MissingProperty,
    NoSuchCommand,
    NoSuchItem,
    RouterOSError,
    UnknownParameter,
)
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.model import RouterModel


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_716_883_528.0  # 2024-05-28 08:05:28 UTC

    def __call__(self) -> float:
        return self.now


def run(model: RouterModel, word: str, *args: str) -> Reply:
    return model.execute(Command.from_sentence([word, *args]))


def rows(model: RouterModel, word: str, *args: str) -> list[dict[str, str]]:
    return run(model, word, *args).rows


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def model(clock: FakeClock) -> RouterModel:
    return RouterModel(clock=clock)


# -- a fresh device ---------------------------------------------------------------------


def test_fresh_router_has_ports_bridge_and_addresses(model: RouterModel) -> None:
    interfaces = rows(model, "/interface/print")
    assert [(r["name"], r["type"]) for r in interfaces] == [
        ("ether1", "ether"),
        ("ether2", "ether"),
        ("ether3", "ether"),
        ("ether4", "ether"),
        ("ether5", "ether"),
        ("bridge", "bridge"),
    ]
    ports = rows(model, "/interface/bridge/port/print")
    assert [(p["interface"], p["bridge"]) for p in ports] == [
        (f"ether{n}", "bridge") for n in range(2, 6)
    ]
    addresses = {r["address"]: r["interface"] for r in rows(model, "/ip/address/print")}
    assert addresses == {"192.168.88.1/24": "bridge", "10.0.0.2/24": "ether1"}


def test_interface_count_is_configurable() -> None:
    model = RouterModel(interface_count=2)
    assert [r["name"] for r in rows(model, "/interface/ethernet/print")] == ["ether1", "ether2"]


def test_fresh_router_has_a_default_route_and_connected_routes(model: RouterModel) -> None:
    routes = {r["dst-address"]: r for r in rows(model, "/ip/route/print")}
    assert routes["0.0.0.0/0"]["gateway"] == "10.0.0.1"
    assert routes["0.0.0.0/0"]["active"] == "true"
    connected = routes["192.168.88.0/24"]
    assert (connected["gateway"], connected["dynamic"], connected["connect"]) == (
        "bridge",
        "true",
        "true",
    )


def test_arp_rows_are_shaped_like_the_seed_example(model: RouterModel) -> None:
    arp = rows(model, "/ip/arp/print")
    assert arp, "a fresh router sees neighbours"
    assert list(arp[0]) == [
        ".id",
        "address",
        "mac-address",
        "interface",
        "published",
        "invalid",
        "DHCP",
        "dynamic",
        "complete",
        "disabled",
    ]
    assert {r["interface"] for r in arp} == {"bridge", "ether1"}
    (gateway,) = [r for r in arp if r["address"] == "10.0.0.1"]
    assert (gateway["dynamic"], gateway["complete"]) == ("true", "true")


def test_resource_row_describes_a_chr_whose_uptime_advances(
    model: RouterModel, clock: FakeClock
) -> None:
    (resource,) = rows(model, "/system/resource/print")
    assert resource["version"] == "7.16 (stable)"
    assert resource["board-name"] == "CHR"
    assert resource["architecture-name"] == "x86_64"
    assert resource["uptime"] == "0s"
    clock.now += 3723
    assert rows(model, "/system/resource/print")[0]["uptime"] == "1h2m3s"


def test_routerboard_identity_dns_clock_and_users(model: RouterModel) -> None:
    assert rows(model, "/system/routerboard/print") == [{"routerboard": "false"}]
    assert rows(model, "/system/identity/print") == [{"name": "MikroTik"}]
    assert rows(model, "/ip/dns/print")[0]["allow-remote-requests"] == "false"
    clock = rows(model, "/system/clock/print")[0]
    assert (clock["date"], clock["time"]) == ("2024-05-28", "08:05:28")
    users = rows(model, "/user/print")
    assert [(u["name"], u["group"]) for u in users] == [("admin", "full")]
    assert "password" not in users[0]


def test_boot_lines_are_logged(model: RouterModel) -> None:
    log = rows(model, "/log/print")
    assert log[0]["topics"] == "system,info"
    assert any("ether1 link up" in entry["message"] for entry in log)
    assert log[0]["time"] == "2024-05-28 08:05:28"


# -- menu commands ----------------------------------------------------------------------


def test_add_answers_next_id_and_print_shows_item(model: RouterModel) -> None:
    reply = run(model, "/ip/address/add", "=address=10.9.0.1/24", "=interface=ether3")
    assert reply.ret == "*3"
    assert rows(model, "/ip/address/print", "?address=10.9.0.1/24") == [
        {
            ".id": "*3",
            "address": "10.9.0.1/24",
            "network": "10.9.0.0",
            "interface": "ether3",
            "actual-interface": "ether3",
            "invalid": "false",
            "dynamic": "false",
            "disabled": "false",
        }
    ]


def test_ids_only_increase_and_are_not_reused(model: RouterModel) -> None:
    first = run(model, "/ip/firewall/address-list/add", "=list=a", "=address=1.1.1.1").ret
    run(model, "/ip/firewall/address-list/remove", f"=.id={first}")
    second = run(model, "/ip/firewall/address-list/add", "=list=a", "=address=1.1.1.1").ret
    assert (first, second) == ("*1", "*2")
    for _ in range(14):
        last = run(model, "/ip/firewall/address-list/add", "=list=a", f"=address=2.2.2.{_}").ret
    assert last == "*10"


def test_set_enable_disable_comment_unset(model: RouterModel) -> None:
    item = run(model, "/ip/firewall/address-list/add", "=list=a", "=address=1.1.1.1").ret
    assert item is not None
    run(model, "/ip/firewall/address-list/set", f"=.id={item}", "=list=b")
    run(model, "/ip/firewall/address-list/disable", f"=numbers={item}")
    run(model, "/ip/firewall/address-list/comment", f"=numbers={item}", "=comment=blocked")
    (row,) = rows(model, "/ip/firewall/address-list/print")
    assert (row["list"], row["disabled"], row["comment"]) == ("b", "true", "blocked")
    run(model, "/ip/firewall/address-list/enable", f"=.id={item}")
    run(model, "/ip/firewall/address-list/unset", f"=numbers={item}", "=value-name=comment")
    (row,) = rows(model, "/ip/firewall/address-list/print")
    assert row["disabled"] == "false"
    assert "comment" not in row


def test_remove_takes_comma_separated_ids(model: RouterModel) -> None:
    ids = [
        run(model, "/ip/firewall/address-list/add", "=list=a", f"=address=1.1.1.{n}").ret
        for n in range(3)
    ]
    run(model, "/ip/firewall/address-list/remove", f"=.id={ids[0]},{ids[2]}")
    assert [r[".id"] for r in rows(model, "/ip/firewall/address-list/print")] == [ids[1]]


def test_booleans_accept_yes_no_and_print_true_false(model: RouterModel) -> None:
    run(model, "/ip/dns/set", "=allow-remote-requests=yes")
    assert run(model, "/ip/dns/get", "=value-name=allow-remote-requests").ret == "true"
    run(model, "/ip/dns/set", "=allow-remote-requests=false")
    assert run(model, "/ip/dns/get", "=value-name=allow-remote-requests").ret == "false"


def test_get_answers_a_value_of_an_item(model: RouterModel) -> None:
    assert run(model, "/interface/get", "=numbers=ether1", "=value-name=type").ret == "ether"
    assert run(model, "/interface/get", "=.id=*6", "=value-name=name").ret == "bridge"


def test_find_answers_ids_of_matching_items(model: RouterModel) -> None:
    assert run(model, "/interface/find", "=type=ether", "?name=ether2").ret == "*2"
    assert run(model, "/interface/find", "=type=bridge").ret == "*6"
    assert run(model, "/interface/find", "=name=none").ret == ""


def test_print_with_proplist_and_count_only(model: RouterModel) -> None:
    reply = model.execute(Command(("interface",), "print", proplist=("name", "type")))
    assert reply.rows[0] == {"name": "ether1", "type": "ether"}
    assert run(model, "/interface/print", "=count-only=", "?type=ether").ret == "5"
    assert run(model, "/interface/print", "=detail=", "=stats=").rows[0]["name"] == "ether1"


def test_items_may_be_named_instead_of_numbered(model: RouterModel) -> None:
    run(model, "/interface/set", "=numbers=ether5", "=comment=spare")
    assert run(model, "/interface/get", "=numbers=ether5", "=value-name=comment").ret == "spare"
    assert run(model, "/interface/get", "=numbers=5", "=value-name=name").ret == "bridge"
    with pytest.raises(NoSuchItem):
        run(model, "/interface/get", "=numbers=6", "=value-name=name")


def test_renaming_an_interface_follows_references(model: RouterModel) -> None:
    run(model, "/interface/set", "=.id=*1", "=name=wan")
    addresses = {r["address"]: r["interface"] for r in rows(model, "/ip/address/print")}
    assert addresses["10.0.0.2/24"] == "wan"
    assert run(model, "/interface/ethernet/get", "=.id=*1", "=value-name=default-name").ret == (
        "ether1"
    )


def test_bridges_appear_among_interfaces_with_shared_ids(model: RouterModel) -> None:
    bridge = run(model, "/interface/bridge/add", "=name=br-guest").ret
    (row,) = rows(model, "/interface/print", "?name=br-guest")
    assert (row[".id"], row["type"]) == (bridge, "bridge")
    assert run(model, "/interface/bridge/add").ret is not None
    assert [r["name"] for r in rows(model, "/interface/bridge/print")] == [
        "bridge",
        "br-guest",
        "bridge1",
    ]


def test_firewall_rules_keep_order_and_place_before(model: RouterModel) -> None:
    first = run(model, "/ip/firewall/filter/add", "=chain=input", "=action=accept").ret
    second = run(
        model, "/ip/firewall/filter/add", "=chain=input", "=action=drop", f"=place-before={first}"
    ).ret
    assert [r[".id"] for r in rows(model, "/ip/firewall/filter/print")] == [second, first]
    run(model, "/ip/firewall/filter/move", f"=numbers={second}")
    assert [r[".id"] for r in rows(model, "/ip/firewall/filter/print")] == [first, second]


def test_nat_masquerade_rule(model: RouterModel) -> None:
    run(
        model,
        "/ip/firewall/nat/add",
        "=chain=srcnat",
        "=action=masquerade",
        "=out-interface=ether1",
    )
    (rule,) = rows(model, "/ip/firewall/nat/print")
    assert (rule["action"], rule["out-interface"]) == ("masquerade", "ether1")


def test_dhcp_lease_scheduler_and_script(model: RouterModel) -> None:
    run(
        model,
        "/ip/dhcp-server/lease/add",
        "=address=192.168.88.50",
        "=mac-address=aa:bb:cc:dd:ee:ff",
    )
    assert rows(model, "/ip/dhcp-server/lease/print")[0]["mac-address"] == "AA:BB:CC:DD:EE:FF"
    run(model, "/system/script/add", "=name=hello", "=source=:log info hello")
    run(model, "/system/scheduler/add", "=name=tick", "=interval=00:01:00", "=on-event=hello")
    (task,) = rows(model, "/system/scheduler/print")
    assert (task["interval"], task["start-time"], task["run-count"]) == ("1m", "startup", "0")
    model.count_run("system/scheduler", task[".id"])
    assert rows(model, "/system/scheduler/print")[0]["run-count"] == "1"


# -- errors, worded as RouterOS words them ------------------------------------------


def test_duplicate_address_is_refused(model: RouterModel) -> None:
    with pytest.raises(AlreadyExists, match=r"^failure: already have such address$"):
        run(model, "/ip/address/add", "=address=10.0.0.2/24", "=interface=ether1")


def test_unknown_interface_is_refused(model: RouterModel) -> None:
    with pytest.raises(InvalidValue) as caught:
        run(model, "/ip/address/add", "=address=10.9.0.1/24", "=interface=nope")
    assert caught.value.message == "input does not match any value of interface"
    assert caught.value.category == 1


def test_missing_required_property(model: RouterModel) -> None:
    with pytest.raises(MissingProperty, match=r"^missing value\(s\) of argument\(s\) address$"):
        run(model, "/ip/address/add", "=interface=ether1")


def test_unknown_parameter_names_the_parameter(model: RouterModel) -> None:
    with pytest.raises(UnknownParameter, match=r"^unknown parameter colour$"):
        run(model, "/ip/address/add", "=address=10.9.0.1/24", "=interface=ether1", "=colour=red")


def test_routeros_6_says_unknown_parameter_alone() -> None:
    model = RouterModel(version="6.49.10")
    with pytest.raises(UnknownParameter, match=r"^unknown parameter$"):
        run(model, "/system/identity/set", "=colour=red")


def test_read_only_properties_cannot_be_set(model: RouterModel) -> None:
    with pytest.raises(UnknownParameter):
        run(model, "/interface/set", "=.id=*1", "=running=no")


@pytest.mark.parametrize(
    ("word", "unknown"),
    [
        ("/ip/adress/print", "adress"),
        ("/nothing", "nothing"),
        ("/ip/address/bogus", "bogus"),
        ("/interface/add", "add"),
        ("/system/resource/set", "set"),
    ],
)
def test_unknown_path_names_first_unknown_word(model: RouterModel, word: str, unknown: str) -> None:
    with pytest.raises(NoSuchCommand) as caught:
        run(model, word)
    assert caught.value.message == f"no such command or directory ({unknown})"


def test_unknown_items(model: RouterModel) -> None:
    with pytest.raises(NoSuchItem, match=r"^no such item \(4\)$"):
        run(model, "/ip/address/remove", "=.id=*99")
    with pytest.raises(NoSuchItem, match=r"^no such item$"):
        run(model, "/ip/address/set", "=numbers=*99", "=comment=x")


def test_bad_values(model: RouterModel) -> None:
    with pytest.raises(InvalidValue, match=r"^invalid value for argument address$"):
        run(model, "/ip/address/add", "=address=10.0.0.300/24", "=interface=ether1")
    with pytest.raises(InvalidValue, match=r"^input does not match any value of action$"):
        run(model, "/ip/firewall/filter/add", "=chain=input", "=action=explode")
    with pytest.raises(InvalidValue, match=r"out of range"):
        run(model, "/ip/route/add", "=gateway=10.0.0.1", "=distance=300")
    with pytest.raises(InvalidValue):
        run(model, "/ip/dns/set", "=allow-remote-requests=maybe")


def test_dynamic_entries_cannot_be_removed_or_changed(model: RouterModel) -> None:
    (connected,) = rows(model, "/ip/route/print", "?dynamic=true", "?gateway=bridge")
    with pytest.raises(RouterOSError, match="dynamic"):
        run(model, "/ip/route/remove", f"=.id={connected['.id']}")
    neighbour = rows(model, "/ip/arp/print")[0]
    with pytest.raises(RouterOSError, match="dynamic"):
        run(model, "/ip/arp/set", f"=.id={neighbour['.id']}", "=comment=x")


def test_physical_ports_cannot_be_removed(model: RouterModel) -> None:
    with pytest.raises(RouterOSError, match="can not remove"):
        run(model, "/interface/remove", "=numbers=ether1")


def test_a_port_joins_one_bridge_only(model: RouterModel) -> None:
    with pytest.raises(AlreadyExists, match=r"^failure: device already added as bridge port$"):
        run(model, "/interface/bridge/port/add", "=bridge=bridge", "=interface=ether2")


def test_duplicate_interface_name(model: RouterModel) -> None:
    with pytest.raises(AlreadyExists, match="already have interface with such name"):
        run(model, "/interface/bridge/add", "=name=ether1")


# -- dynamic entries follow the configuration -------------------------------------------


def connected_routes(model: RouterModel) -> set[tuple[str, str]]:
    return {
        (r["dst-address"], r["gateway"]) for r in rows(model, "/ip/route/print", "?connect=true")
    }


def test_connected_routes_follow_addresses(model: RouterModel) -> None:
    item = run(model, "/ip/address/add", "=address=172.16.5.1/30", "=interface=ether3").ret
    assert ("172.16.5.0/30", "ether3") in connected_routes(model)
    run(model, "/ip/address/disable", f"=.id={item}")
    assert ("172.16.5.0/30", "ether3") not in connected_routes(model)
    run(model, "/ip/address/enable", f"=.id={item}")
    run(model, "/ip/address/set", f"=.id={item}", "=address=172.16.6.1/30")
    assert ("172.16.6.0/30", "ether3") in connected_routes(model)
    assert ("172.16.5.0/30", "ether3") not in connected_routes(model)
    run(model, "/ip/address/remove", f"=.id={item}")
    assert connected_routes(model) == {("192.168.88.0/24", "bridge"), ("10.0.0.0/24", "ether1")}


def test_a_connected_route_keeps_its_id_while_it_stays(model: RouterModel) -> None:
    before = {r["dst-address"]: r[".id"] for r in rows(model, "/ip/route/print", "?connect=true")}
    run(model, "/ip/address/add", "=address=172.16.5.1/30", "=interface=ether3")
    after = {r["dst-address"]: r[".id"] for r in rows(model, "/ip/route/print", "?connect=true")}
    assert all(after[dst] == number for dst, number in before.items())


def test_disabling_the_uplink_makes_the_default_route_inactive(model: RouterModel) -> None:
    run(model, "/interface/disable", "=numbers=ether1")
    (default,) = rows(model, "/ip/route/print", "?dst-address=0.0.0.0/0")
    assert (default["active"], default["inactive"]) == ("false", "true")
    assert not rows(model, "/ip/arp/print", "?interface=ether1")


def test_neighbours_appear_on_new_networks(model: RouterModel) -> None:
    run(model, "/ip/address/add", "=address=172.20.0.1/24", "=interface=ether4")
    neighbours = rows(model, "/ip/arp/print", "?interface=ether4")
    assert len(neighbours) == 2
    assert all(n["address"].startswith("172.20.0.") for n in neighbours)


def test_an_address_on_a_removed_bridge_becomes_invalid(model: RouterModel) -> None:
    bridge = run(model, "/interface/bridge/add", "=name=lab").ret
    run(model, "/ip/address/add", "=address=10.50.0.1/24", "=interface=lab")
    run(model, "/interface/bridge/remove", f"=.id={bridge}")
    (address,) = rows(model, "/ip/address/print", "?address=10.50.0.1/24")
    assert (address["interface"], address["invalid"]) == (bridge, "true")
    assert ("10.50.0.0/24", "lab") not in connected_routes(model)


# -- log, history, users, clock -----------------------------------------------------


def test_log_topics_append_entries(model: RouterModel) -> None:
    for topic in ("info", "warning", "error", "debug"):
        run(model, f"/log/{topic}", f"=message={topic} line")
    last = rows(model, "/log/print")[-4:]
    assert [(e["topics"], e["message"]) for e in last] == [
        ("script,info", "info line"),
        ("script,warning", "warning line"),
        ("script,error", "error line"),
        ("script,debug", "debug line"),
    ]


def test_log_is_bounded() -> None:
    model = RouterModel(log_size=10)
    for n in range(30):
        model.log("script,info", f"line {n}")
    log = rows(model, "/log/print")
    assert len(log) == 10
    assert log[-1]["message"] == "line 29"


def test_history_records_changes_with_their_author(model: RouterModel) -> None:
    model.execute(
        Command(("ip", "address"), "add", {"address": "10.7.0.1/24", "interface": "ether2"}),
        user="ops",
    )
    (entry,) = rows(model, "/system/history/print")
    assert (entry["action"], entry["by"]) == ("address added", "ops")


def test_users_and_passwords(model: RouterModel) -> None:
    assert model.check_password("admin", "")
    run(model, "/user/add", "=name=ops", "=group=read", "=password=s3cret")
    assert model.check_password("ops", "s3cret")
    assert not model.check_password("ops", "wrong")
    assert not model.check_password("nobody", "")
    assert (model.password_of("ops"), model.password_of("nobody")) == ("s3cret", None)
    assert all("password" not in row for row in rows(model, "/user/print"))
    run(model, "/user/disable", "=numbers=ops")
    assert not model.check_password("ops", "s3cret")
    assert model.password_of("ops") is None
    with pytest.raises(InvalidValue, match="group"):
        run(model, "/user/add", "=name=x", "=group=superuser")


def test_setting_the_clock_moves_the_device_time(model: RouterModel) -> None:
    run(model, "/system/clock/set", "=time=23:00:00", "=date=2030-01-02")
    clock = rows(model, "/system/clock/print")[0]
    assert (clock["date"], clock["time"]) == ("2030-01-02", "23:00:00")


def test_boot_restarts_uptime_and_clears_the_log(model: RouterModel, clock: FakeClock) -> None:
    run(model, "/log/info", "=message=before")
    clock.now += 100
    model.boot()
    assert rows(model, "/system/resource/print")[0]["uptime"] == "0s"
    assert all(entry["message"] != "before" for entry in rows(model, "/log/print"))


def test_reset_returns_to_the_fresh_state(model: RouterModel) -> None:
    fresh = model.export_text()
    run(model, "/ip/address/add", "=address=10.7.0.1/24", "=interface=ether2")
    model.write_file("notes.txt", b"hi")
    model.reset()
    assert model.export_text() == fresh
    assert model.list_files() == []


# -- values and concurrency -----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [("90", "1m30s"), ("00:01:30", "1m30s"), ("1d2h", "1d2h"), ("2w", "2w"), ("0", "0s")],
)
def test_intervals_are_written_as_routeros_7_prints_them(
    model: RouterModel, given: str, stored: str
) -> None:
    run(model, "/system/scheduler/add", "=name=t", f"=interval={given}")
    assert run(model, "/system/scheduler/get", "=numbers=t", "=value-name=interval").ret == stored


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("192.0.2.7/32", "192.0.2.7"),
        ("192.0.2.7/24", "192.0.2.0/24"),
        ("192.0.2.1-192.0.2.9", "192.0.2.1-192.0.2.9"),
        ("updates.example.com", "updates.example.com"),
    ],
)
def test_address_list_addresses_are_normalised(model: RouterModel, given: str, stored: str) -> None:
    run(model, "/ip/firewall/address-list/add", "=list=l", f"=address={given}")
    assert rows(model, "/ip/firewall/address-list/print")[0]["address"] == stored


def test_concurrent_adds_get_distinct_ids(model: RouterModel) -> None:
    def add(n: int) -> str | None:
        attrs = {"list": "t", "address": f"10.1.{n // 250}.{n % 250}"}
        return model.execute(Command(("ip", "firewall", "address-list"), "add", attrs)).ret

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(add, range(400)))
    assert len(set(ids)) == 400
    assert run(model, "/ip/firewall/address-list/print", "=count-only=").ret == "400"
