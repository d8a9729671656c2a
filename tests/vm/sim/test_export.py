"""``/export``: the text a fresh router writes, quoting, and that running an export on a
device without defaults rebuilds the same configuration."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.export import quote
from tikjobs.vm.sim.model import RouterModel

STAMP = 1_716_883_528.0  # 2024-05-28 08:05:28 UTC


def fixed_clock() -> float:
    return STAMP


def run(model: RouterModel, word: str, *args: str) -> Reply:
    return model.execute(Command.from_sentence([word, *args]))


# -- a tiny reader of console export syntax, enough to replay an export ---------------

UNESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "$": "$", "?": "?"}


def unquote(text: str) -> str:
    if not text.startswith('"'):
        return text
    body, out, position = text[1:-1], [], 0
    while position < len(body):
        char = body[position]
        if char == "\\":
            following = body[position + 1]
            if following in UNESCAPES:
                out.append(UNESCAPES[following])
                position += 2
            else:
                out.append(chr(int(body[position + 1 : position + 3], 16)))
                position += 3
        else:
            out.append(char)
            position += 1
    return "".join(out)


TOKEN = re.compile(r'\[ find [^\]]* \]|[^\s"=]+="(?:[^"\\]|\\.)*"|\S+')


def replay(model: RouterModel, text: str) -> None:
    """Run every ``add``/``set`` line of an export as commands on the model."""
    path: tuple[str, ...] = ()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("/"):
            path = tuple(line[1:].split(" "))
            continue
        verb, _, rest = line.partition(" ")
        attrs: dict[str, str] = {}
        for token in TOKEN.findall(rest):
            if token.startswith("[ find "):
                name, _, value = token[len("[ find ") : -2].partition("=")
                attrs["numbers"] = model.execute(Command(path, "find", {name: value})).ret or ""
                continue
            name, _, value = token.partition("=")
            attrs[name] = unquote(value)
        model.execute(Command(path, verb, attrs))


def body(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


# -- tests ----------------------------------------------------------------------------


def test_fresh_export_reads_like_a_router() -> None:
    model = RouterModel(clock=fixed_clock)
    text = run(model, "/export").ret
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "# 2024-05-28 08:05:28 by RouterOS 7.16"
    assert body(text) == [
        "/interface bridge",
        "add comment=defconf name=bridge",
        "/interface bridge port",
        "add bridge=bridge comment=defconf interface=ether2",
        "add bridge=bridge comment=defconf interface=ether3",
        "add bridge=bridge comment=defconf interface=ether4",
        "add bridge=bridge comment=defconf interface=ether5",
        "/ip address",
        "add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0",
        "add address=10.0.0.2/24 interface=ether1 network=10.0.0.0",
        "/ip route",
        "add dst-address=0.0.0.0/0 gateway=10.0.0.1",
    ]


def test_export_leaves_out_dynamic_and_read_only_values() -> None:
    model = RouterModel(clock=fixed_clock)
    text = model.export_text()
    assert "/ip arp" not in text
    assert "192.168.88.0/24" not in text, "connected routes are dynamic"
    assert "mac-address" not in text
    assert "password" not in text


def test_changed_ports_settings_and_disabled_items() -> None:
    model = RouterModel(clock=fixed_clock)
    run(model, "/interface/ethernet/set", "=numbers=ether1", "=name=wan", "=comment=uplink")
    run(model, "/system/identity/set", "=name=edge 1")
    run(model, "/ip/dns/set", "=servers=1.1.1.1,9.9.9.9", "=allow-remote-requests=yes")
    run(
        model,
        "/ip/firewall/address-list/add",
        "=list=block",
        "=address=203.0.113.9",
        "=disabled=yes",
    )
    text = model.export_text()
    assert "/interface ethernet\nset [ find default-name=ether1 ] comment=uplink name=wan\n" in text
    assert '/system identity\nset name="edge 1"\n' in text
    assert "/ip dns\nset allow-remote-requests=yes servers=1.1.1.1,9.9.9.9\n" in text
    assert "add address=203.0.113.9 disabled=yes list=block\n" in text
    assert "add address=10.0.0.2/24 interface=wan network=10.0.0.0" in text


def test_menu_export_and_export_to_file() -> None:
    model = RouterModel(clock=fixed_clock)
    section = run(model, "/ip/address/export").ret
    assert section is not None
    assert body(section)[0] == "/ip address"
    assert "/interface bridge" not in section
    assert run(model, "/export", "=file=flash/all").ret is None
    saved = model.read_file("flash/all.rsc").decode()
    assert body(saved) == body(model.export_text())


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", "plain"),
        ("10.0.0.1/24", "10.0.0.1/24"),
        ("", '""'),
        ("two words", '"two words"'),
        ('say "hi"', '"say \\"hi\\""'),
        (":put $x", '":put \\$x"'),
        ("a\nb", '"a\\nb"'),
        ("back\\slash", '"back\\\\slash"'),
    ],
)
def test_quoting(value: str, written: str) -> None:
    assert quote(value) == written


@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_quoting_round_trips(value: str) -> None:
    assert unquote(quote(value)) == value


def configured() -> RouterModel:
    model = RouterModel(clock=fixed_clock)
    run(model, "/interface/ethernet/set", "=numbers=ether1", "=name=wan")
    run(model, "/interface/bridge/add", "=name=guests", "=protocol-mode=none")
    run(model, "/interface/bridge/port/remove", "=numbers=*4")
    run(model, "/interface/bridge/port/add", "=bridge=guests", "=interface=ether5", "=pvid=20")
    run(model, "/ip/address/add", "=address=172.16.0.1/24", "=interface=guests")
    run(model, "/ip/route/add", "=dst-address=198.51.100.0/24", "=gateway=10.0.0.1", "=distance=5")
    run(
        model,
        "/ip/firewall/filter/add",
        "=chain=input",
        "=action=drop",
        "=in-interface=wan",
        '=comment=drop "everything" else',
    )
    run(model, "/ip/firewall/nat/add", "=chain=srcnat", "=action=masquerade", "=out-interface=wan")
    run(model, "/ip/firewall/address-list/add", "=list=ok", "=address=192.0.2.0/28")
    run(model, "/ip/dhcp-server/lease/add", "=address=172.16.0.9", "=mac-address=02:00:00:00:00:09")
    run(model, "/ip/dns/set", "=servers=9.9.9.9")
    run(model, "/system/identity/set", "=name=branch-7")
    run(model, "/system/script/add", "=name=report", '=source=:log info "ran $n"\n:put ok')
    run(model, "/system/scheduler/add", "=name=hourly", "=interval=1h", "=on-event=report")
    return model


def test_an_export_replayed_on_a_bare_device_rebuilds_the_configuration() -> None:
    original = configured()
    text = original.export_text()
    rebuilt = RouterModel(clock=fixed_clock)
    rebuilt.reset(defaults=False)
    replay(rebuilt, text)
    assert rebuilt.export_text() == text
    script = rebuilt.execute(
        Command(("system", "script"), "get", {"numbers": "report", "value-name": "source"})
    )
    assert script.ret == ':log info "ran $n"\n:put ok'
