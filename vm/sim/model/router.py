"""`RouterModel`: the whole simulated RouterOS device as data plus rules.

The model answers every `Command` a client, a script or SSH sends, with a `Reply` or a
`vm.exceptions.RouterOSError` worded as RouterOS words it. It holds the menus' tables,
the files, the log and the change log, works out dynamic entries after each change,
and knows its uptime. It has no sockets and no event loop; one `threading.RLock`
(`lock`) makes every public method safe to call from any thread. The device runtime
layers its own commands (``/execute``, ``/system/reboot`` ...) in front of `execute`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Final

from tikjobs.vm.exceptions import (
    InvalidValue,
    MissingProperty,
    NoSuchItem,
    NotSimulated,
    RouterOSError,
)
from tikjobs.vm.sim.command import Command, Reply, Row
from tikjobs.vm.sim.export import COMPACT, Style, render_export
from tikjobs.vm.sim.menus import FALSE, Menu, format_duration
from tikjobs.vm.sim.model import catalog, derived, fresh, generic
from tikjobs.vm.sim.model.backup import decode_backup, encode_backup
from tikjobs.vm.sim.model.engine import SETTINGS_ID, MenuEngine
from tikjobs.vm.sim.model.files import FileInfo, FileStore
from tikjobs.vm.sim.model.store import Table, Tables, Values, format_id, parse_id
from tikjobs.vm.sim.tree import Found, tree_for

LOG_SIZE: Final = 1000
HISTORY_SIZE: Final = 1000
STATE_FORMAT: Final = "tikjobs-sim-state/1"
TOTAL_HDD: Final = 93388800
TOTAL_MEMORY: Final = 1073741824
LOG_TOPICS: Final = ("info", "warning", "error", "debug")
EXPORT_OPTIONS: Final = frozenset(
    {"file", "compact", "verbose", "terse", "show-sensitive", "hide-sensitive", "where"}
)
ROOT_COMMANDS: Final = frozenset({"ping", "password", "quit", "redo", "undo", "beep"})
"""Commands at the root of the tree that are console commands, not script words."""
VOLATILE_TABLES: Final = frozenset({"log", "system/history", "file", "system/resource"})
"""Tables a snapshot leaves out: memory-only state, and files (kept separately)."""


class RouterModel(MenuEngine):
    """A RouterOS 7 device: configuration, state and every menu command.

    ``users`` maps user names to passwords (all in group ``full``); ``clock`` answers
    the current time as a Unix timestamp (tests may pass a controllable one).
    """

    def __init__(
        self,
        identity: str = "MikroTik",
        version: str = "7.16",
        interface_count: int = 5,
        users: Mapping[str, str] | None = None,
        *,
        clock: Callable[[], float] = time.time,
        log_size: int = LOG_SIZE,
        packages: str = "base",
    ) -> None:
        major = version.split(".", 1)[0]
        self.tree = tree_for(version, packages)
        self.packages = packages
        menus = catalog.MENUS if self.tree is None else generic.menus(self.tree)
        super().__init__(menus, named_unknown_parameter=not major.isdigit() or int(major) >= 7)
        self.exported = self._export_order()
        self.lock = threading.RLock()
        self.version = version
        self.identity_at_reset = identity
        self.interface_count = interface_count
        self.users_at_reset = dict(users) if users is not None else {"admin": ""}
        self.log_size = log_size
        self._clock = clock
        self._clock_offset = 0.0
        self._boot_time = clock()
        self.files = FileStore(Table(), self._stamp)
        digest = hashlib.sha256(f"{identity}/{version}".encode()).digest()
        self.system_id = base64.b64encode(digest[:8], altchars=b"Ab").decode()[:11]
        self.live = {
            "system/resource": self._resource,
            "system/clock": self._clock_values,
            "system/package/update": lambda: {"installed-version": self.version},
        }
        self.verbs["export"] = self._export_menu
        self.commands: dict[tuple[str, ...], Callable[[Command, str], Reply]] = {
            ("export",): self._export,
            ("system", "backup", "save"): self._backup_save,
            **{("log", topic): self._log_command(topic) for topic in LOG_TOPICS},
        }
        self._nodes = self._command_tree()
        self.reset()

    # -- life cycle -----------------------------------------------------------------

    def reset(self, *, defaults: bool = True) -> None:
        """Back to the factory state with no files, then boot; without ``defaults`` the
        default configuration (bridge, addresses, route) is left out."""
        with self.lock:
            self.tables = Tables()
            self._clock_offset = 0.0
            fresh.build(
                self,
                identity=self.identity_at_reset,
                interface_count=self.interface_count,
                users=self.users_at_reset,
                defaults=defaults,
            )
            self.files = FileStore(self.tables["file"], self._stamp)
            self._refresh()
            self.boot()

    def boot(self) -> None:
        """Start again: uptime from zero, the memory log and change log cleared, boot
        lines logged."""
        with self.lock:
            self._boot_time = self._clock()
            self.tables["log"] = Table()
            self.tables["system/history"] = Table()
            self._refresh()
            self.log("system,info", "router rebooted")
            for values in self.tables["interface"].items.values():
                if values.get("type") == "ether" and values.get("disabled") == FALSE:
                    values["last-link-up-time"] = self._stamp()
                    self.log("interface,info", f"{values['name']} link up (speed 10G, full duplex)")

    @property
    def uptime(self) -> float:
        """Seconds since the last boot."""
        return max(0.0, self._clock() - self._boot_time)

    def now(self) -> datetime:
        """The device's wall clock (UTC, shifted by ``/system/clock/set``)."""
        return datetime.fromtimestamp(self._clock() + self._clock_offset, UTC)

    def _stamp(self) -> str:
        return f"{self.now():%Y-%m-%d %H:%M:%S}"

    @property
    def identity(self) -> str:
        return self.tables["system/identity"].items[SETTINGS_ID]["name"]

    # -- commands -------------------------------------------------------------------

    def execute(self, command: Command, *, user: str = "admin") -> Reply:
        """Answer one command, as the user ``user``; raise `RouterOSError` on failure.

        A command the release's tree has but the simulator does not model is refused
        with `NotSimulated`, never answered as if it had worked."""
        with self.lock:
            handler = self.commands.get((*command.path, command.verb))
            if handler is not None:
                return handler(command, user)
            menu = self.menus.get(command.path)
            if menu is None or command.verb not in menu.verbs:
                if self.tree is not None and self._tree_command(command.path, command.verb):
                    raise NotSimulated(command.path, command.verb)
                raise self._unknown_path(command)
            return self.verbs[command.verb](menu, command, user)

    def _tree_command(self, path: tuple[str, ...], verb: str) -> bool:
        """Whether the tree has this command; the root's commands other than menu
        commands (``/ping``, ``/password`` ...) are the script language's ``:`` words."""
        if not path and verb not in ROOT_COMMANDS:
            return False
        return self.tree is not None and self.tree.names(path).get(verb) == "cmd"

    def knows(self, path: tuple[str, ...]) -> bool:
        """Whether ``path`` names a menu, a menu prefix (``("ip",)``) or a command."""
        if path in self._nodes:
            return True
        return self.tree is not None and self.tree.node(path) is not None

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        """What ``word`` typed at the menu ``path`` names, as the console completes it
        (see `vm.sim.tree.Tree.resolve`); without a tree, the hand-written menus'
        names only, in full."""
        if self.tree is not None:
            found = self.tree.resolve(path, word)
            if found is not None:
                return found
        words = (*path, word)
        if words not in self._nodes:
            return None
        is_menu = words in self.menus or any(
            n[: len(words)] == words and len(n) > len(words) for n in self._nodes
        )
        return Found(word, "dir" if is_menu else "cmd")

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        """The argument ``word`` names for a command (a unique prefix is enough), the
        candidates if several start so, or None; ``word`` itself without a tree."""
        if self.tree is None or self.tree.node((*path, verb)) is None:
            return word
        return self.tree.argument(path, verb, word)

    def _command_tree(self) -> set[tuple[str, ...]]:
        """Every path of the hand-written menus and commands, prefixes included (shared
        by every device over the same menus)."""
        if self.shared.nodes is not None:
            return self.shared.nodes
        nodes: set[tuple[str, ...]] = set()
        hand = [words for words, menu in self.menus.items() if menu.path in catalog.BY_PATH]
        for words in (*hand, *self.commands):
            for end in range(1, len(words) + 1):
                nodes.add(words[:end])
        for words in hand:
            nodes.update((*words, verb) for verb in self.menus[words].verbs)
        self.shared.nodes = nodes
        return nodes

    def _unknown_path(self, command: Command) -> RouterOSError:
        words = (*command.path, command.verb)
        for end in range(1, len(words) + 1):
            if words[:end] not in self._nodes:
                return self.no_such(words[end - 1])
        return self.no_such(command.verb)

    def _changed(self, menu: Menu, action: str, number: int, user: str) -> None:
        if menu.path == "file":
            self.files.changed(number, action)
        elif menu.path == "system/clock":
            self._clock_changed()
        elif menu.path not in VOLATILE_TABLES:
            self._record(f"{menu.noun} {action}", user)
        if menu.table in derived.INPUTS:
            self._refresh()

    def _refresh(self) -> None:
        derived.refresh(self.tables, self.by_path["ip/route"].dynamic_id_base)

    def _record(self, action: str, user: str) -> None:
        history = self.tables["system/history"]
        history.insert(
            {
                "time": self._stamp(),
                "action": action,
                "by": user,
                "policy": "write",
                "undoable": "true",
                "redoable": FALSE,
            }
        )
        while len(history.items) > HISTORY_SIZE:
            history.remove(next(iter(history.items)))

    # -- read and write items for the runtime ---------------------------------------

    def items(self, path: str) -> list[Row]:
        """A menu's rows as ``print`` shows them (``path`` like ``system/scheduler``)."""
        with self.lock:
            return list(self.rows(self.by_path[path]))

    def has_items(self, path: str) -> bool:
        """Whether a menu holds any item (cheaper than `items` when all that matters
        is whether there is anything to look at)."""
        with self.lock:
            return bool(self.table(self.by_path[path]).items)

    def update_item(self, path: str, item_id: str, values: Mapping[str, str]) -> None:
        """Write values the device itself keeps (``run-count``, ``next-run``,
        ``last-started``), bypassing the read-only rules clients are held to."""
        with self.lock:
            menu = self.by_path[path]
            number = SETTINGS_ID if menu.settings else parse_id(item_id)
            table = self.table(menu)
            if number is None or number not in table.items:
                raise NoSuchItem("no such item")
            table.items[number].update(values)
            table.touched()

    def count_run(self, path: tuple[str, ...] | str, item_id: str) -> None:
        """Count one run of a ``/system/script`` or ``/system/scheduler`` item:
        ``run-count`` goes up by one and ``last-started`` (where the menu has it) is now."""
        with self.lock:
            menu = self.by_path[path if isinstance(path, str) else "/".join(path)]
            number = parse_id(item_id)
            table = self.table(menu)
            if number is None or number not in table.items:
                raise NoSuchItem("no such item")
            values = table.items[number]
            values["run-count"] = str(int(values.get("run-count", "0")) + 1)
            if "last-started" in menu.by_name:
                values["last-started"] = self._stamp()
            table.touched()

    # -- log ------------------------------------------------------------------------

    def log(self, topics: str, message: str) -> None:
        """Append a log entry; the oldest ones go once the log is full."""
        with self.lock:
            table = self.tables["log"]
            table.insert({"time": self._stamp(), "topics": topics, "message": message})
            while len(table.items) > self.log_size:
                table.remove(next(iter(table.items)))

    def _log_command(self, topic: str) -> Callable[[Command, str], Reply]:
        def handler(command: Command, user: str) -> Reply:
            attrs = dict(command.attrs)
            message = attrs.pop("message", None)
            for name in attrs:
                raise self.unknown_parameter(name)
            if message is None:
                raise MissingProperty("missing value(s) of argument(s) message")
            self.log(f"script,{topic}", message)
            return Reply()

        return handler

    def note_login(self, user: str, address: str, via: str) -> None:
        """Log a login and stamp the user's ``last-logged-in``, as RouterOS does."""
        with self.lock:
            self.log("system,info,account", f"user {user} logged in from {address} via {via}")
            for values in self.tables["user"].items.values():
                if values.get("name") == user:
                    values["last-logged-in"] = self._stamp()

    # -- users ----------------------------------------------------------------------

    def password_of(self, user: str) -> str | None:
        """The password of an enabled user; None when there is no such enabled user."""
        with self.lock:
            for values in self.tables["user"].items.values():
                if values.get("name") == user and values.get("disabled") != "true":
                    return values.get("password", "")
            return None

    def check_password(self, user: str, password: str) -> bool:
        """Whether an enabled user has this password."""
        known = self.password_of(user)
        return known is not None and hmac.compare_digest(known.encode(), password.encode())

    def policies_of(self, user: str) -> frozenset[str]:
        """The policies the group of ``user`` grants (``!word`` grants nothing); none for
        a user that does not exist."""
        with self.lock:
            groups = [
                values.get("group", "")
                for values in self.tables["user"].items.values()
                if values.get("name") == user
            ]
            if not groups:
                return frozenset()
            for values in self.tables["user/group"].items.values():
                if values.get("name") == groups[0]:
                    words = values.get("policy", "").split(",")
                    return frozenset(word for word in words if word and not word.startswith("!"))
            return frozenset()

    def may_log_in(self, user: str, policy: str) -> bool:
        """Whether the group of ``user`` has the login ``policy`` of a service (``api``,
        ``ssh``): RouterOS refuses a login without it as it refuses a wrong password."""
        return policy in self.policies_of(user)

    # -- live values ----------------------------------------------------------------

    def _resource(self) -> Values:
        used = self.files.used
        uptime = int(self.uptime)
        return {
            "uptime": format_duration(uptime),
            "version": f"{self.version} (stable)",
            "build-time": "2024-09-20 13:00:27",
            "factory-software": "7.1",
            "free-memory": str(TOTAL_MEMORY - 120_000_000 - used),
            "total-memory": str(TOTAL_MEMORY),
            "cpu": "QEMU",
            "cpu-count": "2",
            "cpu-frequency": "2496",
            "cpu-load": "1",
            "free-hdd-space": str(max(0, TOTAL_HDD - 20_000_000 - used)),
            "total-hdd-space": str(TOTAL_HDD),
            "write-sect-since-reboot": str(400 + len(self.tables["system/history"].items)),
            "write-sect-total": "5612",
            "architecture-name": "x86_64",
            "board-name": "CHR",
            "platform": "MikroTik",
        }

    def _clock_values(self) -> Values:
        now = self.now()
        return {"time": f"{now:%H:%M:%S}", "date": f"{now:%Y-%m-%d}"}

    def _clock_changed(self) -> None:
        values = self.tables["system/clock"].items[SETTINGS_ID]
        time_text, date_text = values.pop("time", None), values.pop("date", None)
        if time_text is None and date_text is None:
            return
        now = self.now()
        try:
            if date_text is not None:
                day = datetime.strptime(date_text, "%Y-%m-%d").replace(tzinfo=UTC)
                now = now.replace(year=day.year, month=day.month, day=day.day)
            if time_text is not None:
                hour, minute, second = (int(part) for part in time_text.split(":"))
                now = now.replace(hour=hour, minute=minute, second=second)
        except ValueError:
            raise InvalidValue("invalid value for argument time") from None
        self._clock_offset = now.timestamp() - self._clock()

    # -- export and backup ----------------------------------------------------------

    def _export_order(self) -> list[Menu]:
        """The menus ``/export`` writes, in order: the tree's order with the sections
        others refer to first; without a tree, the hand-written catalog's order."""
        if self.tree is None:
            return [m for m in catalog.MENUS if m.path not in catalog.NOT_EXPORTED]
        return generic.export_order(self.tree)

    def export_text(self, menu: Menu | None = None, style: Style = COMPACT) -> str:
        """The configuration as ``/export`` writes it (one menu's section if given)."""
        with self.lock:
            chosen = [menu] if menu is not None else self.exported
            sections = [(m, [v for _, v in self.table(m).select(m.scope)]) for m in chosen]
            return render_export(
                sections,
                stamp=self.now(),
                version=self.version,
                system_id=self.system_id,
                style=style,
            )

    def _export_reply(self, command: Command, menu: Menu | None) -> Reply:
        for name in command.attrs:
            if name not in EXPORT_OPTIONS:
                raise self.unknown_parameter(name)

        def given(name: str) -> bool:
            return command.attrs.get(name, "no").lower() not in ("no", "false")

        style = Style(
            verbose=given("verbose"),
            terse=given("terse"),
            show_sensitive=given("show-sensitive") and not given("hide-sensitive"),
        )
        text = self.export_text(menu, style)
        target = command.attrs.get("file")
        if target is None:
            return Reply(ret=text)
        self.write_file(target if target.endswith(".rsc") else f"{target}.rsc", text.encode())
        return Reply()

    def _export(self, command: Command, user: str) -> Reply:
        return self._export_reply(command, None)

    def _export_menu(self, menu: Menu, command: Command, user: str) -> Reply:
        return self._export_reply(command, menu)

    def save_backup(self, name: str, password: str = "", *, encrypt: bool = True) -> str:
        """Write ``name.backup`` holding the configuration; answer the file name."""
        with self.lock:
            file_name = name if name.endswith(".backup") else f"{name}.backup"
            data = encode_backup(self.snapshot(include_files=False), password, encrypt=encrypt)
            self.write_file(file_name, data)
            self.log("system,info", "configuration backup saved")
            return file_name

    def load_backup(self, name: str, password: str = "") -> None:
        """Restore the configuration a backup file holds (the runtime then reboots)."""
        self.backup_restorer(name, password)()

    def backup_restorer(self, name: str, password: str = "") -> Callable[[], None]:
        """Read and check a backup file now; answer what puts its configuration in place.
        `InvalidValue` for a bad file or password, `NoSuchItem` when there is no file.

        RouterOS answers a bad file at once and applies a good one only across the
        reboot it starts, so a runtime calls the answer while the device is down."""
        with self.lock:
            file_name = name if self.files.number(name) is not None else f"{name}.backup"
            return self.restorer(decode_backup(self.read_file(file_name), password))

    def _backup_save(self, command: Command, user: str) -> Reply:
        attrs = dict(command.attrs)
        name = attrs.pop("name", None)
        password = attrs.pop("password", "")
        dont_encrypt = attrs.pop("dont-encrypt", "no").lower() in ("yes", "true", "")
        attrs.pop("encryption", None)
        for extra in attrs:
            raise self.unknown_parameter(extra)
        if name is None:
            name = f"{self.identity}-{self.now():%Y%m%d-%H%M}"
        self.save_backup(name, password, encrypt=not dont_encrypt)
        return Reply()

    # -- snapshot -------------------------------------------------------------------

    def snapshot(self, *, include_files: bool = True) -> bytes:
        """The whole configuration (and files, unless told not to) as bytes."""
        with self.lock:
            state: dict[str, object] = {
                "format": STATE_FORMAT,
                "tables": {
                    name: table.to_state()
                    for name, table in self.tables.items()
                    if name not in VOLATILE_TABLES
                },
                "clock_offset": self._clock_offset,
            }
            if include_files:
                state["files"] = self.files.to_state()
            return zlib.compress(json.dumps(state, separators=(",", ":")).encode())

    def restore(self, data: bytes) -> None:
        """Replace the configuration with a snapshot's; files only if it holds them."""
        self.restorer(data)()

    def restorer(self, data: bytes) -> Callable[[], None]:
        """Check a snapshot now; answer what replaces the configuration with it.
        `InvalidValue` when ``data`` is not a snapshot."""
        try:
            state = json.loads(zlib.decompress(data))
            if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
                raise ValueError("not a state snapshot")
            tables = Tables(
                (str(name), Table.from_state(raw)) for name, raw in dict(state["tables"]).items()
            )
            files = state.get("files")
            store = FileStore.from_state(files, self._stamp) if files is not None else None
            offset = float(state.get("clock_offset", 0.0))
        except (ValueError, KeyError, TypeError, zlib.error) as error:
            raise InvalidValue("failure: file is not a backup", 4) from error

        def put_in_place() -> None:
            with self.lock:
                for name in VOLATILE_TABLES:
                    if name in self.tables:
                        tables[name] = self.tables[name]
                if store is not None:
                    self.files = store
                tables["file"] = self.files.table
                present = set(tables)
                self.tables = tables
                fresh.complete(self, present)
                self._clock_offset = offset
                self._refresh()

        return put_in_place

    # -- files ----------------------------------------------------------------------

    def list_files(self) -> list[FileInfo]:
        """Every file and directory, in creation order."""
        with self.lock:
            return self.files.list()

    def read_file(self, name: str) -> bytes:
        """A file's bytes; `NoSuchItem` when there is no such file."""
        with self.lock:
            return self.files.read(name)

    def write_file(self, name: str, data: bytes) -> None:
        """Create or replace a file (its directories appear as needed)."""
        with self.lock:
            self.files.write(name, data)

    def remove_file(self, name: str) -> None:
        """Remove a file, or a directory with everything in it; `NoSuchItem` if none."""
        with self.lock:
            self.files.remove(name)

    def item_id(self, path: str, key: str) -> str:
        """The ``.id`` of the item of a menu named ``key`` (a convenience for callers)."""
        with self.lock:
            menu = self.by_path[path]
            for number, values in self.table(menu).select(menu.scope):
                if menu.key is not None and values.get(menu.key) == key:
                    return format_id(number)
            raise NoSuchItem("no such item")
