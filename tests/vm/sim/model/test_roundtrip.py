"""``/export`` and ``/import`` round trip: any configuration built from the tree's menus,
exported (compact, verbose, terse, with secrets) and imported into a fresh router with
no default configuration, exports the same text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.vm.sim.model.treegen import values
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.export import SENSITIVE, Style
from tikjobs.vm.sim.menus import Menu
from tikjobs.vm.sim.model import RouterModel, catalog

MODEL = RouterModel()
TABLES = sorted(
    path
    for path, menu in MODEL.menus.items()
    if menu.path not in catalog.BY_PATH and "add" in menu.verbs
)
SETTINGS = sorted(
    path
    for path, menu in MODEL.menus.items()
    if menu.path not in catalog.BY_PATH and menu.settings and "set" in menu.verbs
    if any(not prop.read_only and values(prop) is not None for prop in menu.props)
)
STYLES = [
    Style(show_sensitive=True),
    Style(verbose=True, show_sensitive=True),
    Style(terse=True, show_sensitive=True),
]

Change = tuple[tuple[str, ...], str, dict[str, str]]


def _writable(menu: Menu) -> list[str]:
    return [
        prop.name
        for prop in menu.props
        if not prop.read_only and prop.name != "dynamic" and values(prop) is not None
    ]


@st.composite
def configurations(draw: st.DrawFn) -> list[Change]:
    """Items added to some generated tables and values set in some settings menus."""
    changes: list[Change] = []
    tables = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=5, unique=True))
    for index, path in enumerate(tables):
        menu = MODEL.menus[path]
        writable = _writable(menu)
        names = (
            draw(st.lists(st.sampled_from(writable), max_size=6, unique=True)) if writable else []
        )
        attrs = {}
        for name in names:
            strategy = values(menu.by_name[name])
            if strategy is not None:
                attrs[name] = draw(strategy)
        if menu.key == "name":
            attrs["name"] = f"item{index}"
        changes.append((path, "add", attrs))
    for path in draw(st.lists(st.sampled_from(SETTINGS), max_size=3, unique=True)):
        menu = MODEL.menus[path]
        names = draw(
            st.lists(st.sampled_from(_writable(menu)), min_size=1, max_size=3, unique=True)
        )
        attrs = {}
        for name in names:
            strategy = values(menu.by_name[name])
            if strategy is not None:
                attrs[name] = draw(strategy)
        changes.append((path, "set", attrs))
    return changes


def body(text: str) -> str:
    """An export without its first line (the time it was made)."""
    return text.split("\n", 1)[1]


def imported(text: str) -> RouterModel:
    """A fresh router with no default configuration that ran ``text``."""
    fresh = RouterModel()
    fresh.reset(defaults=False)
    device = Device(fresh, tick=60)
    device.start()
    try:
        device.run_script(text, origin="import")
    finally:
        device.close()
    return fresh


@settings(max_examples=50)
@given(configurations(), st.sampled_from(STYLES))
def test_an_export_imported_into_a_fresh_router_exports_the_same(
    changes: list[Change], style: Style
) -> None:
    source = RouterModel()
    for path, verb, attrs in changes:
        source.execute(Command(path, verb, attrs))
    exported = source.export_text(style=style)
    assert body(imported(exported).export_text(style=style)) == body(exported)


@settings(max_examples=30)
@given(configurations(), st.sampled_from(STYLES))
def test_a_menus_export_imported_into_a_fresh_router_exports_the_same(
    changes: list[Change], style: Style
) -> None:
    source = RouterModel()
    for path, verb, attrs in changes:
        source.execute(Command(path, verb, attrs))
    menu = source.menus[changes[0][0]]
    exported = source.export_text(menu, style)
    assert body(imported(exported).export_text(menu, style)) == body(exported)


def test_secrets_are_exported_only_when_asked() -> None:
    model = RouterModel()
    key = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
    model.execute(Command(("interface", "wireguard"), "add", {"name": "wg0", "private-key": key}))
    assert key not in model.export_text()
    assert f'private-key="{key}"' in model.export_text(style=Style(show_sensitive=True))
    assert "private-key" in SENSITIVE


def test_terse_and_verbose_exports_read_as_routeros_writes_them() -> None:
    model = RouterModel()
    model.execute(Command(("ip", "pool"), "add", {"name": "p", "ranges": "10.1.1.10-10.1.1.20"}))
    terse = model.export_text(style=Style(terse=True))
    assert "\n/ip pool add name=p ranges=10.1.1.10-10.1.1.20\n" in terse
    verbose = model.export_text(style=Style(verbose=True))
    assert (
        '/ip service\nset telnet address="" disabled=no max-sessions=20 port=23 vrf=main\n'
        in verbose
    )
