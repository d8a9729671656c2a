"""The hand-written menus checked against the 7.16 command tree: a hand model may not
take a command or argument the real router lacks, nor lack one it has, unless the
difference is a known gap listed here with its reason."""

from __future__ import annotations

import pytest

from tikjobs.vm.sim.model import RouterModel, catalog
from tikjobs.vm.sim.model.generic import NOT_PROPERTIES
from tikjobs.vm.sim.tree import load_tree

TREE = load_tree("7.16")

# Menus a CHR does not have that the simulator keeps for its clients.
NOT_ON_A_CHR = {"system/routerboard": "answers the board name a RouterBOARD would"}
# Commands the hand models take that the 7.16 tree does not list.
EXTRA_VERBS = {
    "interface": {"remove", "unset"},
    "user/group": {"enable", "disable"},
}
EXTRA_VERBS_EVERYWHERE = {"getall", "unset"}
"""``getall`` is the API's old name of ``print``; ``unset`` is not listed by the 7.16
dump (it lists ``reset``) but scripts written for RouterOS 7 use it."""
# Properties the hand models take that the 7.16 tree does not list.
EXTRA_PROPERTIES = {
    "ip/firewall/nat": {"connection-state"},
    "system/scheduler": {"owner"},
}
# Commands of the tree the simulator leaves to `NotSimulated` for hand-modelled menus.
NOT_MODELLED = frozenset(
    {"edit", "reset", "monitor", "monitor-traffic", "blink", "cable-test", "reset-mac-address",
     "reset-counters", "reset-counters-all", "check-status", "make-static", "expire-password",
     "read", "run", "info", "warning", "error", "debug", "export"}
)  # fmt: skip

HAND = [menu for menu in catalog.MENUS if menu.path not in NOT_ON_A_CHR]


def test_menus_a_chr_lacks_are_really_missing_from_the_tree() -> None:
    for path in NOT_ON_A_CHR:
        assert TREE.node(tuple(path.split("/"))) is None


@pytest.mark.parametrize("menu", HAND, ids=lambda menu: menu.path)
def test_a_hand_model_takes_exactly_the_commands_of_the_tree(menu: catalog.Menu) -> None:
    path = tuple(menu.path.split("/"))
    commands = set(TREE.commands(path))
    extra = set(menu.verbs) - commands - EXTRA_VERBS_EVERYWHERE - EXTRA_VERBS.get(menu.path, set())
    assert extra == set(), f"/{menu.path} takes commands a router lacks"
    missing = commands - set(menu.verbs) - NOT_MODELLED
    assert missing == set(), f"/{menu.path} lacks commands a router has"


@pytest.mark.parametrize("menu", HAND, ids=lambda menu: menu.path)
def test_a_hand_model_takes_exactly_the_arguments_of_the_tree(menu: catalog.Menu) -> None:
    path = tuple(menu.path.split("/"))
    arguments = set()
    for command in ("add", "set"):
        if command in TREE.commands(path):
            arguments |= set(TREE.arguments(path, command))
    arguments -= NOT_PROPERTIES
    played = RouterModel().by_path[menu.path]
    writable = {prop.name for prop in played.props if not prop.read_only}
    extra = writable - arguments - EXTRA_PROPERTIES.get(menu.path, set())
    assert extra == set(), f"/{menu.path} takes arguments a router lacks"
    missing = arguments - writable - {prop.name for prop in played.props}
    assert missing == set(), f"/{menu.path} lacks arguments a router has"
