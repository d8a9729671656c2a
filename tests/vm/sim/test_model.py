"""The device model: a fresh router, menu commands, errors, dynamic entries, files."""

from __future__ import annotations

import pytest

from vm.exceptions import AlreadyExists, InvalidValue, NoSuchCommand, NoSuchItem
from vm.sim.command import Command, Reply
from vm.sim.model import RouterModel


def run(model: RouterModel, word: str, *args: str) -> Reply:
    return model.execute(Command.from_sentence([word, *args]))


@pytest.fixture
def model() -> RouterModel:
    return RouterModel()


def test_fresh_router_has_ports_bridge_and_addresses(model: RouterModel) -> None:
    names = [row["name"] for row in run(model, "/interface/print").rows]
    assert names == ["ether1", "ether2", "ether3", "ether4", "ether5", "bridge"]
    addresses = {row["address"]: row["interface"] for row in run(model, "/ip/address/print").rows}
    assert addresses == {"192.168.88.1/24": "bridge", "10.0.0.2/24": "ether1"}


def test_add_answers_next_id_and_print_shows_item(model: RouterModel) -> None:
    reply = run(model, "/ip/address/add", "=address=10.9.0.1/24", "=interface=ether3")
    assert reply.ret == "*3"
    rows = run(model, "/ip/address/print", "?address=10.9.0.1/24").rows
    assert rows == [
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


def test_duplicate_address_is_refused(model: RouterModel) -> None:
    with pytest.raises(AlreadyExists, match=r"^failure: already have such address$"):
        run(model, "/ip/address/add", "=address=10.0.0.2/24", "=interface=ether1")


def test_unknown_interface_is_refused(model: RouterModel) -> None:
    with pytest.raises(InvalidValue) as caught:
        run(model, "/ip/address/add", "=address=10.9.0.1/24", "=interface=nope")
    assert caught.value.message == "input does not match any value of interface"
    assert caught.value.category == 1


def test_unknown_path_names_first_unknown_word(model: RouterModel) -> None:
    with pytest.raises(NoSuchCommand, match=r"no such command or directory \(adress\)"):
        run(model, "/ip/adress/print")


def test_remove_unknown_id(model: RouterModel) -> None:
    with pytest.raises(NoSuchItem, match=r"no such item \(4\)"):
        run(model, "/ip/address/remove", "=.id=*99")


def test_log_info_appends_entry(model: RouterModel) -> None:
    run(model, "/log/info", "=message=hello")
    last = run(model, "/log/print").rows[-1]
    assert (last["topics"], last["message"]) == ("script,info", "hello")


def test_identity_set_and_get(model: RouterModel) -> None:
    run(model, "/system/identity/set", "=name=edge-7")
    assert run(model, "/system/identity/get", "=value-name=name").ret == "edge-7"
    assert run(model, "/system/identity/print").rows == [{"name": "edge-7"}]
