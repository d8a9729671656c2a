"""The vendored RouterOS command trees: which tree a version plays, read once, and names
resolved as the console resolves them."""

from __future__ import annotations

import pytest

from tikjobs.vm.exceptions import VmError
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.tree import (
    Found,
    completions,
    derive_completions,
    load_tree,
    tree_for,
    tree_version,
)


@pytest.mark.parametrize(
    ("version", "tree"),
    [
        ("7.16", "7.16"),
        ("7.16.2", "7.16"),
        ("7.1", "7.16"),
        ("7.18.2", "7.18.2"),
        ("7.19.4", "7.18.2"),
        ("7.20.8", "7.20.8"),
        ("7.22.1", "7.20.8"),
        ("7.24", "7.24"),
        ("7.25beta2", "7.24"),
        ("6.49.10", None),
        ("6.42", None),
    ],
)
def test_a_version_plays_its_own_tree_or_the_newest_older_one(
    version: str, tree: str | None
) -> None:
    assert tree_version(version) == tree


def test_a_tree_is_read_once_and_shared_by_every_device() -> None:
    first, second = RouterModel(identity="a"), RouterModel(identity="b")
    assert first.tree is second.tree is load_tree("7.16")
    assert first.by_path["ip/pool"] is second.by_path["ip/pool"]


def test_6x_devices_have_no_tree_and_keep_the_hand_written_menus() -> None:
    model = RouterModel(version="6.49.10")
    assert tree_for("6.49.10") is None
    assert model.tree is None
    assert "ip/pool" not in model.by_path
    assert "ip/address" in model.by_path


def test_the_extra_tree_has_the_packages_a_base_chr_lacks() -> None:
    base, extra = load_tree("7.16"), load_tree("7.16", "extra")
    assert base.node(("user-manager",)) is None
    assert extra.node(("user-manager",)) is not None
    assert extra.node(("container",)) is not None


def test_an_unknown_tree_or_package_set_is_refused() -> None:
    with pytest.raises(VmError, match=r"no RouterOS command tree for 7\.17"):
        load_tree("7.17")
    with pytest.raises(VmError, match="packages must be one of base, extra"):
        load_tree("7.16", "all")


def test_menu_and_command_words_resolve_by_unique_prefix() -> None:
    tree = load_tree("7.16")
    assert tree.resolve(("ip",), "fire") == Found("firewall", "dir")
    assert tree.resolve(("ip", "firewall"), "fil") == Found("filter", "dir")
    assert tree.resolve(("ip", "firewall", "filter"), "pr") == Found("print", "cmd")
    assert tree.resolve(("ip",), "address") == Found("address", "dir")
    assert tree.resolve(("ip",), "d") == ["dhcp-client", "dhcp-relay", "dhcp-server", "dns"]
    assert tree.resolve(("ip",), "adress") is None


def test_argument_names_resolve_by_unique_prefix() -> None:
    tree = load_tree("7.16")
    assert tree.argument(("ip", "address"), "add", "addr") == "address"
    assert tree.argument(("ip", "address"), "add", "int") == "interface"
    assert tree.argument(("ip", "address"), "add", "foo") is None


def test_the_stored_completions_match_the_deep_tree() -> None:
    derived = derive_completions()
    assert {tuple(k.split("/")): tuple(v) for k, v in derived.items()} == completions()
    assert set(completions()[("ip", "firewall", "filter", "add", "action")]) >= {
        "accept",
        "drop",
        "reject",
    }
