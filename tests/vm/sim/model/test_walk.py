"""Every menu of the 7.16 tree answers ``print``; every menu with ``add`` takes an item
built from its arguments and shows it in ``print`` and ``/export``."""

from __future__ import annotations

import pytest

from tests.vm.sim.model.treegen import item
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.export import SENSITIVE
from tikjobs.vm.sim.model import RouterModel, catalog
from tikjobs.vm.sim.tree import load_tree

TREE = load_tree("7.16")
PRINTED = [path for path in TREE.paths if "print" in TREE.commands(path)]
ADDED = [
    path
    for path in TREE.paths
    if "add" in TREE.commands(path) and "/".join(path) not in catalog.BY_PATH
]


@pytest.fixture(scope="module")
def device() -> Device:
    """An in-process device: the model with the runtime's own menus, no sockets."""
    return Device(RouterModel())


@pytest.fixture(scope="module")
def model(device: Device) -> RouterModel:
    return device.model


def test_the_walk_covers_the_whole_tree() -> None:
    assert len(PRINTED) > 350
    assert len(ADDED) > 200


@pytest.mark.parametrize("path", PRINTED, ids="/".join)
def test_every_menu_answers_print(device: Device, path: tuple[str, ...]) -> None:
    reply = device.execute(Command(path, "print"))
    assert reply.ret is None
    assert all(isinstance(row, dict) for row in reply.rows)


@pytest.mark.parametrize("path", ADDED, ids="/".join)
def test_every_menu_with_add_takes_an_item_built_from_its_arguments(
    model: RouterModel, path: tuple[str, ...]
) -> None:
    menu = model.menus[path]
    attrs = item(menu, ADDED.index(path) + 1)
    marker = "comment" if "comment" in menu.by_name else next(iter(attrs), None)
    if marker in ("comment", "name"):
        attrs[marker] = f"walked{ADDED.index(path)}"
    new_id = model.execute(Command(path, "add", attrs)).ret
    assert new_id is not None
    assert new_id.startswith("*")
    (row,) = [r for r in model.execute(Command(path, "print")).rows if r.get(".id") == new_id]
    section = model.export_text(menu)
    assert f"/{' '.join(path)}\nadd" in section
    if marker is not None:
        assert row[marker] == attrs[marker]
        assert f"{marker}={attrs[marker]}" in section


SETTINGS = [
    path
    for path in TREE.paths
    if "set" in TREE.commands(path)
    and "add" not in TREE.commands(path)
    and "numbers" not in TREE.arguments(path, "set")
    and "/".join(path) not in catalog.BY_PATH
]


@pytest.mark.parametrize("path", SETTINGS, ids="/".join)
def test_every_settings_menu_takes_a_value_and_exports_it(
    model: RouterModel, path: tuple[str, ...]
) -> None:
    menu = model.menus[path]
    before = model.execute(Command(path, "print")).rows
    changes = {}
    for name, value in item(menu, 7).items():
        if name in SENSITIVE:
            continue
        candidates = [value, "no"] if value == "yes" else [value]
        for candidate in candidates:
            canonical = menu.by_name[name].kind.parse(name, candidate, model)
            if before and before[0].get(name) != canonical:
                changes[name] = candidate
                break
    if not changes:
        pytest.skip(f"/{' '.join(path)} has no argument with a value known to differ")
    name, value = next(iter(changes.items()))
    model.execute(Command(path, "set", {name: value}))
    (after,) = model.execute(Command(path, "print")).rows
    assert after[name] == menu.by_name[name].kind.parse(name, value, model)
    assert f"/{' '.join(path)}\nset " in model.export_text(menu)


@pytest.mark.parametrize("packages", ["base", "extra"])
@pytest.mark.parametrize("version", ["7.16", "7.18.2", "7.20.8", "7.24"])
def test_every_shipped_tree_answers_every_print_and_takes_every_add(
    version: str, packages: str
) -> None:
    device = Device(RouterModel(version=version, packages=packages))
    model = device.model
    assert model.tree is not None
    refused = []
    for index, path in enumerate(model.tree.paths):
        commands = model.tree.commands(path)
        try:
            if "print" in commands:
                device.execute(Command(path, "print"))
            menu = model.menus.get(path)
            if "add" in commands and menu is not None and menu.path not in catalog.BY_PATH:
                model.execute(Command(path, "add", item(menu, index + 1)))
        except Exception as error:
            refused.append(f"/{' '.join(path)}: {error}")
    assert refused == []
    assert model.export_text().startswith("# ")
