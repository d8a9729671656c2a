"""The menu engine against a dict model: random add/set/remove/enable/disable/unset on
/ip/firewall/address-list and /ip/address, with prints, connected routes and ids
compared after every step."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tikjobs.vm.exceptions import AlreadyExists, NoSuchItem
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.model import RouterModel

LISTS = ("allow", "block")
LIST_ADDRESSES = ("192.0.2.1", "192.0.2.2", "198.51.100.0/24", "example.com")
ADDRESSES = ("10.1.0.1/24", "10.1.0.2/24", "10.2.0.1/30", "172.16.0.1/16")
INTERFACES = ("ether1", "ether3", "bridge")

LIST = ("ip", "firewall", "address-list")
ADDRESS = ("ip", "address")

Entry = dict[str, str]


def number(item: str) -> int:
    return int(item[1:], 16)


class MenuMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.device = RouterModel(clock=lambda: 1_716_883_528.0)
        self.lists: dict[str, Entry] = {}
        self.addresses: dict[str, Entry] = {
            row[".id"]: {k: row[k] for k in ("address", "interface", "disabled")}
            for row in self.execute(ADDRESS, "print").rows
        }
        self.highest = {LIST: 0, ADDRESS: max(number(i) for i in self.addresses)}

    def execute(self, path: tuple[str, ...], verb: str, **attrs: str) -> Reply:
        return self.device.execute(Command(path, verb, attrs))

    def added(self, path: tuple[str, ...], reply: Reply) -> str:
        assert reply.ret is not None
        assert number(reply.ret) > self.highest[path], "ids only increase"
        self.highest[path] = number(reply.ret)
        return reply.ret

    @staticmethod
    def pick(items: dict[str, Entry], index: int) -> str:
        return sorted(items, key=number)[index % len(items)]

    # -- /ip/firewall/address-list ------------------------------------------------------

    def list_clash(self, values: Entry, skip: str | None = None) -> bool:
        return any(
            other != skip and (e["list"], e["address"]) == (values["list"], values["address"])
            for other, e in self.lists.items()
        )

    @rule(name=st.sampled_from(LISTS), address=st.sampled_from(LIST_ADDRESSES), off=st.booleans())
    def add_list_entry(self, name: str, address: str, off: bool) -> None:
        values = {"list": name, "address": address, "disabled": "true" if off else "false"}
        if self.list_clash(values):
            with pytest.raises(AlreadyExists, match=r"^failure: already have such entry$"):
                self.execute(LIST, "add", list=name, address=address)
            return
        reply = self.execute(
            LIST, "add", list=name, address=address, disabled="yes" if off else "no"
        )
        item = self.added(LIST, reply)
        self.lists[item] = values

    @precondition(lambda self: self.lists)
    @rule(index=st.integers(0, 50), name=st.sampled_from(LISTS), comment=st.text(max_size=5))
    def set_list_entry(self, index: int, name: str, comment: str) -> None:
        item = self.pick(self.lists, index)
        values = {**self.lists[item], "list": name, "comment": comment}
        if self.list_clash(values, skip=item):
            with pytest.raises(AlreadyExists):
                self.execute(LIST, "set", **{".id": item, "list": name, "comment": comment})
            return
        self.execute(LIST, "set", **{".id": item, "list": name, "comment": comment})
        self.lists[item] = values

    @precondition(lambda self: self.lists)
    @rule(index=st.integers(0, 50), off=st.booleans())
    def switch_list_entry(self, index: int, off: bool) -> None:
        item = self.pick(self.lists, index)
        self.execute(LIST, "disable" if off else "enable", numbers=item)
        self.lists[item]["disabled"] = "true" if off else "false"

    @precondition(lambda self: self.lists)
    @rule(index=st.integers(0, 50))
    def unset_comment(self, index: int) -> None:
        item = self.pick(self.lists, index)
        self.execute(LIST, "unset", numbers=item, **{"value-name": "comment"})
        self.lists[item].pop("comment", None)

    @precondition(lambda self: self.lists)
    @rule(index=st.integers(0, 50), count=st.integers(1, 2))
    def remove_list_entries(self, index: int, count: int) -> None:
        ordered = sorted(self.lists, key=number)
        chosen = {ordered[(index + n) % len(ordered)] for n in range(count)}
        self.execute(LIST, "remove", **{".id": ",".join(sorted(chosen))})
        for item in chosen:
            del self.lists[item]

    @rule()
    def remove_missing_entry(self) -> None:
        missing = f"*{self.highest[LIST] + 1:X}"
        with pytest.raises(NoSuchItem, match=r"^no such item \(4\)$"):
            self.execute(LIST, "remove", **{".id": missing})

    # -- /ip/address --------------------------------------------------------------------

    def address_clash(self, values: Entry, skip: str | None = None) -> bool:
        return any(
            other != skip
            and (e["address"], e["interface"]) == (values["address"], values["interface"])
            for other, e in self.addresses.items()
        )

    @rule(address=st.sampled_from(ADDRESSES), interface=st.sampled_from(INTERFACES))
    def add_address(self, address: str, interface: str) -> None:
        values = {"address": address, "interface": interface, "disabled": "false"}
        if self.address_clash(values):
            with pytest.raises(AlreadyExists, match=r"^failure: already have such address$"):
                self.execute(ADDRESS, "add", address=address, interface=interface)
            return
        reply = self.execute(ADDRESS, "add", address=address, interface=interface)
        item = self.added(ADDRESS, reply)
        self.addresses[item] = values

    @precondition(lambda self: self.addresses)
    @rule(index=st.integers(0, 50), interface=st.sampled_from(INTERFACES))
    def move_address(self, index: int, interface: str) -> None:
        item = self.pick(self.addresses, index)
        values = {**self.addresses[item], "interface": interface}
        if self.address_clash(values, skip=item):
            with pytest.raises(AlreadyExists):
                self.execute(ADDRESS, "set", numbers=item, interface=interface)
            return
        self.execute(ADDRESS, "set", numbers=item, interface=interface)
        self.addresses[item] = values

    @precondition(lambda self: self.addresses)
    @rule(index=st.integers(0, 50), off=st.booleans())
    def switch_address(self, index: int, off: bool) -> None:
        item = self.pick(self.addresses, index)
        self.execute(ADDRESS, "disable" if off else "enable", **{".id": item})
        self.addresses[item]["disabled"] = "true" if off else "false"

    @precondition(lambda self: self.addresses)
    @rule(index=st.integers(0, 50))
    def remove_address(self, index: int) -> None:
        item = self.pick(self.addresses, index)
        self.execute(ADDRESS, "remove", numbers=item)
        del self.addresses[item]

    # -- what must hold after every step ------------------------------------------------

    @invariant()
    def address_list_matches(self) -> None:
        printed = {
            row.pop(".id"): {k: v for k, v in row.items() if k != "dynamic"}
            for row in self.execute(LIST, "print").rows
        }
        expected = {
            item: {k: e[k] for k in ("list", "address", "disabled", "comment") if k in e}
            for item, e in self.lists.items()
        }
        assert printed == expected
        assert list(printed) == sorted(printed, key=number)

    @invariant()
    def addresses_match(self) -> None:
        printed = {
            row[".id"]: {k: row[k] for k in ("address", "interface", "disabled")}
            for row in self.execute(ADDRESS, "print").rows
        }
        assert printed == self.addresses

    @invariant()
    def connected_routes_follow_enabled_addresses(self) -> None:
        routes = {
            (row["dst-address"], row["gateway"])
            for row in self.execute(("ip", "route"), "print").rows
            if row["connect"] == "true"
        }
        expected = {
            (str(ipaddress.IPv4Interface(e["address"]).network), e["interface"])
            for e in self.addresses.values()
            if e["disabled"] == "false"
        }
        assert routes == expected

    @invariant()
    def neighbours_live_on_addressed_interfaces(self) -> None:
        enabled = {e["interface"] for e in self.addresses.values() if e["disabled"] == "false"}
        for row in self.execute(("ip", "arp"), "print").rows:
            assert row["interface"] in enabled

    @invariant()
    def count_only_agrees(self) -> None:
        assert self.execute(LIST, "print", **{"count-only": ""}).ret == str(len(self.lists))


TestMenus = MenuMachine.TestCase
