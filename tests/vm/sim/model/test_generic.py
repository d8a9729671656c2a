"""Menus built from the 7.16 command tree: tables, settings, a fresh CHR's fixed items,
values checked and printed as RouterOS does, and commands not modelled refused."""

from __future__ import annotations

import json
import zlib

import pytest

from tikjobs.vm.exceptions import (
    InvalidValue,
    NoSuchCommand,
    NotSimulated,
    RouterOSError,
    UnknownParameter,
)
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.model import RouterModel


def run(model: RouterModel, word: str, *args: str) -> Reply:
    return model.execute(Command.from_sentence([word, *args]))


@pytest.fixture
def model() -> RouterModel:
    return RouterModel()


def test_ip_service_starts_with_a_fresh_chrs_services_and_ports(model: RouterModel) -> None:
    rows = run(model, "/ip/service/print").rows
    assert [(r["name"], r["port"], r["disabled"]) for r in rows] == [
        ("telnet", "23", "false"),
        ("ftp", "21", "false"),
        ("www", "80", "false"),
        ("ssh", "22", "false"),
        ("www-ssl", "443", "true"),
        ("api", "8728", "false"),
        ("winbox", "8291", "false"),
        ("api-ssl", "8729", "false"),
    ]


def test_a_changed_service_is_exported_as_set_by_name(model: RouterModel) -> None:
    run(model, "/ip/service/set", "=numbers=telnet", "=disabled=yes")
    run(model, "/ip/service/set", "=numbers=www-ssl", "=disabled=no")
    section = run(model, "/ip/service/export").ret or ""
    assert "/ip service\nset telnet disabled=yes\nset www-ssl disabled=no\n" in section


def test_a_service_port_out_of_range_is_refused_with_routeros_words(model: RouterModel) -> None:
    with pytest.raises(InvalidValue, match=r"value of port out of range \(0\.\.65535\)"):
        run(model, "/ip/service/set", "=numbers=ssh", "=port=70000")


def test_interface_lists_start_with_the_builtin_lists_which_stay(model: RouterModel) -> None:
    names = [row["name"] for row in run(model, "/interface/list/print").rows]
    assert names == ["all", "none", "dynamic", "static"]
    run(model, "/interface/list/add", "=name=WAN")
    with pytest.raises(RouterOSError, match="can not remove builtin"):
        run(model, "/interface/list/remove", "=.id=*1")
    export = model.export_text()
    assert "/interface list\nadd name=WAN\n" in export
    assert "name=all" not in export


def test_a_vlan_is_an_interface_other_menus_may_name(model: RouterModel) -> None:
    run(model, "/interface/vlan/add", "=name=vlan10", "=vlan-id=10", "=interface=ether1")
    run(model, "/ip/address/add", "=address=10.10.0.1/24", "=interface=vlan10")
    rows = run(model, "/interface/print", "?name=vlan10").rows
    assert [(row["name"], row["type"]) for row in rows] == [("vlan10", "vlan")]
    with pytest.raises(InvalidValue, match=r"value of vlan-id out of range \(1\.\.4095\)"):
        run(model, "/interface/vlan/add", "=name=vlan5000", "=vlan-id=5000", "=interface=ether1")
    assert "add interface=ether1 name=vlan10 vlan-id=10\n" in model.export_text()


def test_settings_menus_print_a_fresh_chrs_values_and_export_changes(model: RouterModel) -> None:
    (snmp,) = run(model, "/snmp/print").rows
    assert snmp["enabled"] == "false"
    assert snmp["trap-community"] == "public"
    run(model, "/snmp/set", "=enabled=yes", "=contact=noc@example.net")
    run(model, "/system/ntp/client/set", "=enabled=yes", "=servers=pool.ntp.org")
    export = model.export_text()
    assert "/snmp\nset contact=noc@example.net enabled=yes\n" in export
    assert "/system ntp client\nset enabled=yes servers=pool.ntp.org\n" in export


def test_enumerations_from_the_tree_refuse_other_words(model: RouterModel) -> None:
    with pytest.raises(InvalidValue, match="input does not match any value of action"):
        run(model, "/ip/firewall/filter/add", "=chain=input", "=action=dro")
    run(model, "/ip/firewall/filter/add", "=chain=my-chain", "=action=drop")


def test_time_intervals_print_as_routeros_prints_them(model: RouterModel) -> None:
    run(model, "/ip/pool/add", "=name=lan", "=ranges=192.168.88.10-192.168.88.254")
    run(model, "/ip/dhcp-server/add", "=name=d1", "=interface=bridge", "=lease-time=00:10:00")
    run(model, "/ip/dhcp-server/add", "=name=d2", "=interface=bridge", "=lease-time=1d2h")
    rows = run(model, "/ip/dhcp-server/print").rows
    assert [row["lease-time"] for row in rows] == ["10m", "1d2h"]
    with pytest.raises(InvalidValue, match="invalid value for argument lease-time"):
        run(model, "/ip/dhcp-server/add", "=name=d3", "=lease-time=soon")


def test_addresses_ranges_and_macs_are_checked(model: RouterModel) -> None:
    with pytest.raises(InvalidValue, match="invalid value for argument ranges"):
        run(model, "/ip/pool/add", "=name=bad", "=ranges=192.168.88.300-192.168.88.301")
    run(model, "/ip/dhcp-server/network/add", "=address=192.168.88.0/24", "=gateway=192.168.88.1")
    with pytest.raises(InvalidValue, match="invalid value for argument gateway"):
        run(model, "/ip/dhcp-server/network/add", "=address=10.1.0.0/24", "=gateway=10.1.0")


def test_an_argument_the_menu_lacks_is_an_unknown_parameter(model: RouterModel) -> None:
    with pytest.raises(UnknownParameter, match="unknown parameter colour"):
        run(model, "/ip/pool/add", "=name=p", "=colour=blue")


def test_a_real_command_the_simulator_does_not_model_fails_loudly(model: RouterModel) -> None:
    with pytest.raises(NotSimulated, match=r"failure: /tool bandwidth-test is not simulated"):
        run(model, "/tool/bandwidth-test", "=address=10.0.0.1")
    with pytest.raises(NotSimulated, match="/ip dhcp-client renew is not simulated"):
        run(model, "/ip/dhcp-client/renew", "=numbers=0")


def test_the_api_takes_full_names_only(model: RouterModel) -> None:
    with pytest.raises(NoSuchCommand, match=r"^no such command or directory \(addr\)$"):
        run(model, "/ip/addr/print")
    with pytest.raises(UnknownParameter, match=r"^unknown parameter addr$"):
        run(model, "/ip/address/add", "=addr=10.9.0.1/24", "=interface=ether2")


def test_arguments_the_tree_describes_by_one_form_take_the_others(model: RouterModel) -> None:
    run(model, "/ip/ipsec/policy/add", "=src-address=10.2.0.0/16", "=dst-address=10.1.0.0/16")
    run(model, "/ip/ipsec/peer/add", "=name=p1", "=address=203.0.113.1/32")
    run(model, "/snmp/set", "=src-address=::")
    run(
        model,
        "/ip/firewall/nat/add",
        "=chain=srcnat",
        "=action=masquerade",
        "=ipsec-policy=out,none",
    )
    with pytest.raises(InvalidValue, match="invalid value for argument dst-address"):
        run(model, "/ip/ipsec/policy/add", "=dst-address=10.1.0.0/40")


def test_a_state_saved_before_a_menu_existed_restores_with_that_menu_fresh() -> None:
    saved = RouterModel()
    run(saved, "/ip/pool/add", "=name=kept", "=ranges=10.3.0.10-10.3.0.20")
    state = json.loads(zlib.decompress(saved.snapshot()))
    for table in ("snmp", "ip/service"):
        del state["tables"][table]
    restored = RouterModel()
    restored.restore(zlib.compress(json.dumps(state).encode()))
    assert [row["name"] for row in run(restored, "/ip/pool/print").rows] == ["kept"]
    assert len(run(restored, "/ip/service/print").rows) == 8
    run(restored, "/snmp/set", "=enabled=yes")
    assert run(restored, "/snmp/print").rows[0]["enabled"] == "true"


@pytest.mark.parametrize(
    "line",
    [
        "/port set 0 name=serial0",
        "/routing bgp template set default as=65001",
        '/ip route add dst-address=10.5.0.0/16 gateway=10.0.0.1 pref-src=""',
        "/ip route add dst-address=10.6.0.0/16 gateway=10.0.0.1@main",
        "/ip firewall nat add chain=dstnat dst-address=!192.168.0.0/16 action=accept",
        "/routing table add fib name=to-isp\n"
        "/ip route add dst-address=0.0.0.0/0 gateway=10.0.0.1 routing-table=to-isp",
        "/ipv6 firewall filter add chain=input hop-limit=equal:1 protocol=udp"
        " port=33434-33534 action=accept",
        "/snmp community add name=watch addresses=0.0.0.0/0",
        "/ip firewall filter add chain=forward ipsec-policy=in,ipsec hw-offload=yes"
        " connection-nat-state=!dstnat action=accept",
    ],
)
def test_lines_of_real_exports_run_as_on_a_chr(line: str) -> None:
    device = Device(RouterModel(), tick=60)
    device.start()
    try:
        device.run_script(line, origin="test")
    finally:
        device.close()


def test_settings_a_chr_reports_read_back_in_scripts() -> None:
    device = Device(RouterModel(), tick=60)
    device.start()
    try:
        output = device.run_script(
            ":put [/system package update get installed-version]\n"
            ':put ("[" . [/ip cloud get public-address] . "]")',
            origin="test",
        )
    finally:
        device.close()
    assert output == "7.16\n[]\n"
