"""Commands and replies as the device sees them, and their API sentence forms.

A `Command` is one request to the device, whoever sends it: an API client's sentence
(`Command.from_sentence`), a console line in a script, or an SSH exec. The device answers
with a `Reply` or raises a `vm.exceptions.RouterOSError`; `encode_reply` and `encode_trap`
turn either into the API sentences RouterOS sends.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tikjobs.vm.exceptions import NoSuchCommand, ProtocolError, RouterOSError
from tikjobs.vm.sim.tree import Found

Row = dict[str, str]


@dataclass(frozen=True)
class Command:
    """One command: a menu path, a verb, attributes, a proplist and raw query words.

    ``/ip/address/print =.proplist=address ?interface=ether1`` is
    ``Command(("ip", "address"), "print", {}, ("address",), ("?interface=ether1",))``.
    ``attrs`` keeps API-level names such as ``.id`` as they were sent.
    """

    path: tuple[str, ...]
    verb: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    proplist: tuple[str, ...] | None = None
    query: tuple[str, ...] = ()
    tag: str | None = None

    @property
    def word(self) -> str:
        """The command word as an API client writes it: ``/ip/address/print``."""
        return "/" + "/".join((*self.path, self.verb))

    @classmethod
    def parse_word(cls, word: str) -> tuple[tuple[str, ...], str]:
        """Split a command word into its menu path and verb."""
        if not word.startswith("/") or word == "/" or "//" in word:
            raise NoSuchCommand(f"no such command or directory ({word.strip('/') or word})")
        parts = tuple(word.strip("/").split("/"))
        return parts[:-1], parts[-1]

    @classmethod
    def from_sentence(cls, sentence: Sequence[str]) -> Command:
        """Parse an API sentence sent by a client.

        Raises `ProtocolError` for an empty sentence or a word that is neither an
        attribute, an API attribute nor a query.
        """
        if not sentence:
            raise ProtocolError("empty sentence")
        path, verb = cls.parse_word(sentence[0])
        attrs: dict[str, str] = {}
        proplist: tuple[str, ...] | None = None
        query: list[str] = []
        tag: str | None = None
        for word in sentence[1:]:
            if word.startswith("?"):
                query.append(word)
            elif word.startswith(".tag="):
                tag = word[len(".tag=") :]
            elif word.startswith("="):
                name, _, value = word[1:].partition("=")
                if name == ".proplist":
                    proplist = tuple(p for p in value.split(",") if p)
                else:
                    attrs[name] = value
            else:
                raise ProtocolError(f"word {word!r} is not an attribute, API attribute or query")
        return cls(path, verb, attrs, proplist, tuple(query), tag)


@dataclass
class Reply:
    """What a command answers: ``!re`` rows, then ``!done`` with an optional ``=ret=``."""

    rows: list[Row] = field(default_factory=list)
    ret: str | None = None


def _tagged(words: list[str], tag: str | None) -> list[str]:
    if tag is not None:
        words.append(f".tag={tag}")
    return words


def encode_row(row: Mapping[str, str], tag: str | None = None) -> list[str]:
    """The words of one ``!re`` sentence."""
    return _tagged(["!re", *(f"={name}={value}" for name, value in row.items())], tag)


def encode_reply(
    reply: Reply, tag: str | None = None, *, empty_marker: bool = False
) -> list[list[str]]:
    """The sentences that answer a successful command.

    ``empty_marker`` sends ``!empty`` before ``!done`` when there are no rows, as
    RouterOS 7.18 and newer do.
    """
    sentences = [encode_row(row, tag) for row in reply.rows]
    if empty_marker and not reply.rows and reply.ret is None:
        sentences.append(_tagged(["!empty"], tag))
    done = ["!done"] if reply.ret is None else ["!done", f"=ret={reply.ret}"]
    sentences.append(_tagged(done, tag))
    return sentences


def encode_trap(error: RouterOSError, tag: str | None = None) -> list[list[str]]:
    """The sentences that answer a failed command: ``!trap`` (twice for an unknown
    command, as RouterOS does), then ``!done``."""
    trap = ["!trap"]
    if error.category is not None:
        trap.append(f"=category={error.category}")
    trap.append(f"=message={error.message}")
    sentences = [_tagged(trap, tag)]
    if isinstance(error, NoSuchCommand):
        sentences.append(_tagged(["!trap", "=message=no such command prefix"], tag))
    sentences.append(_tagged(["!done"], tag))
    return sentences


def encode_fatal(reason: str) -> list[str]:
    """The ``!fatal`` sentence sent before RouterOS closes a session."""
    return ["!fatal", reason]


class Console(Protocol):
    """What a running script may do to its device.

    The script interpreter needs nothing else: every console line becomes a `Command`
    for `execute`; ``:global`` variables live in `globals` (cleared by a reboot);
    ``:delay`` calls `sleep`, which raises `vm.exceptions.Interrupted` when the device
    reboots or the run is cancelled. `knows` answers whether a path of words names a
    menu or a command of the device (``("ip", "address")``, ``("ip", "address",
    "add")``), so a script naming anything else fails before it runs, as on a router.
    """

    def knows(self, path: tuple[str, ...]) -> bool: ...

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        """What ``word`` typed at the menu ``path`` names (a unique prefix is enough):
        a `Found`, the candidates when several names start so, or None."""
        ...

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        """The full name of a command's argument ``word`` (a unique prefix is
        enough), the candidates when several start so, or None."""
        ...

    @property
    def globals(self) -> MutableMapping[str, object]: ...

    def execute(self, command: Command) -> Reply: ...

    def sleep(self, seconds: float) -> None: ...
