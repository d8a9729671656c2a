"""The agent's settings: one `RouterSettings` per router, read from a file, the
environment and the command line.

How this works
--------------
Every setting has one name, spelt the same in all three places: the long command-line
option (``--router-token``), the TOML key (``router_token``) and the environment
variable (``TIKJOBS_AGENT_ROUTER_TOKEN``). The common settings are layered, later wins:
built-in defaults, the file's top-level keys, the environment, the command line. A file
may list several routers as ``[[routers]]`` tables; each table is laid over the common
settings, so one agent process serves them all::

    cloud = "https://cloud.example.net"   # or a list: ["https://a.example.net", ...]
    state_dir = "/var/lib/tikjobs-agent"
    user = "tikjobs"

    [[routers]]
    name = "branch-1"
    router = "10.1.0.1"
    router_token = "..."
    password = "..."

Without ``[[routers]]`` tables the common settings describe the one router. Secrets
(``router_token``, ``password``) are `Secret`: their ``repr`` and ``str`` are masked,
so logging a setting never shows them. `validate` checks each value against its rule
(type and bounds) and names every one at fault; a value given as text (the environment)
is read as the number or boolean it spells.

Each secret may instead name a file (``router_token_file``, ``password_file``) whose
text, without its final newline, is the secret. When systemd passes credentials
(``LoadCredential=``, seen as ``$CREDENTIALS_DIRECTORY``), a file is read from there
under its own name, so ``LoadCredential=router-token:/etc/tikjobs/router-token`` and
``router_token_file = "/etc/tikjobs/router-token"`` meet, whether or not the agent
runs under systemd. `load` (the command's path) also insists on an ``https://`` or
``wss://`` cloud unless ``insecure`` is set.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tikjobs.agent import pins
from tikjobs.agent.exceptions import ConfigError
from tikjobs.spelling import meant

ENV_PREFIX = "TIKJOBS_AGENT_"
DEFAULT_API_PORT = 8728
DEFAULT_TLS_API_PORT = 8729
SYNC_ANSWER_DEFAULT = 4 * 1024 * 1024
"""`RouterSettings.sync_answer_max` by default: about 40,000 rows of an address list.
While the agent holds an answer its memory grows by about 15 times the text (an answer
of 40,000 such rows took its peak from 31 to 90 MiB), so this keeps an agent on a small
box within about 60 MiB more."""
SYNC_ANSWER_BOUNDS = (1024, 8 * 1024 * 1024)
"""The least and the most `RouterSettings.sync_answer_max` may be. At most 8 MiB: a
character may take six bytes of a tunnel frame (a control character, escaped), and a
frame larger than `contracts.tunnel.MAX_FRAME_BYTES` (64 MiB) would end the tunnel for
every call and job on it."""

Seconds = float


class Secret:
    """A secret setting: ``repr`` and ``str`` show asterisks, `get_secret_value` the text."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({str(self)!r})"

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


NO_PASSWORD = Secret("")


@dataclass(frozen=True, kw_only=True)
class RouterSettings:
    """How the agent reaches one router and the cloud it serves it to. Build it with
    `validate`, which checks every value against the rules here (`_RULES`)."""

    name: str = ""
    """A label for logs; defaults to router:api_port."""
    cloud: str | tuple[str, ...]
    """The cloud's URL (http(s):// or ws(s)://), or a list of them (replicas of one
    cloud): the agent connects to one and, when it is lost, to the next."""
    insecure: bool = False
    """Allow a plain http:// or ws:// cloud (testing only)."""
    cloud_ca: Path | None = None
    """CA bundle for the cloud's TLS."""
    cloud_pin: str | None = None
    """SHA-256 of the cloud's certificate or public key (SPKI): hex, or sha256//base64 as
    curl writes it; checked before anything is sent."""
    router_token: Secret
    """The router's tunnel token from the cloud."""
    router_token_file: Path | None = None
    """A file holding the router token (or a systemd credential)."""
    router: str
    """The router's address (host name or IP)."""
    api_port: int = 0
    """0: 8728, or 8729 with tls."""
    tls: bool = False
    """Speak the API over TLS (api-ssl)."""
    tls_verify: bool = True
    """Check the router's TLS certificate."""
    tls_ca_file: Path | None = None
    """CA bundle for the router."""
    user: str = "admin"
    password: Secret = NO_PASSWORD
    password_file: Path | None = None
    """A file holding the password (or a systemd credential)."""
    ssh_port: int = 22
    ssh_known_hosts: Path | None = None
    """known_hosts for the router's SSH key; default <state_dir>/known_hosts, where the
    key seen first is kept (trust on first use)."""
    state_dir: Path = Path("tikjobs-agent-state")
    keep_backups_on_router: bool = False
    keep_markers: int = 50
    """Finished job markers kept on the router (a fifth more between prunes)."""
    pool_size: int = 4
    """API connections for calls."""
    sync_answer_max: int = SYNC_ANSWER_DEFAULT
    """The most text (characters of its rows and ``=ret=``) a synchronous call's answer
    may hold; past it the command is abandoned and the call refused with a trap."""
    connect_timeout: Seconds = 10.0
    backup_timeout: Seconds = 120.0
    router_check_interval: Seconds = 15.0
    """Seconds between checks that the router answers."""
    reconnect_min: Seconds = 0.5
    reconnect_max: Seconds = 30.0
    encoding: str = "utf-8"
    """Text encoding of API words."""

    @property
    def clouds(self) -> tuple[str, ...]:
        """Every cloud URL, in the order the agent tries them."""
        return (self.cloud,) if isinstance(self.cloud, str) else self.cloud

    @property
    def label(self) -> str:
        """The router's name in logs."""
        return self.name or f"{self.router}:{self.port}"

    @property
    def port(self) -> int:
        """The API port actually used."""
        if self.api_port:
            return self.api_port
        return DEFAULT_TLS_API_PORT if self.tls else DEFAULT_API_PORT

    @property
    def known_hosts(self) -> Path:
        return self.ssh_known_hosts or self.state_dir / "known_hosts"


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("Input should be a valid string")
    return value


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE - {""}:
        return value.strip().lower() in _TRUE
    raise ValueError("Input should be a valid boolean")


def _integer(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise ValueError(
                "Input should be a valid integer, unable to parse string as an integer"
            ) from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("Input should be a valid integer")
    return value


def _number(value: Any) -> float:
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise ValueError(
                "Input should be a valid number, unable to parse string as a number"
            ) from None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError("Input should be a valid number")
    return float(value)


def _path(value: Any) -> Path:
    if not isinstance(value, str | os.PathLike):
        raise ValueError("Input should be a valid path")
    return Path(value)


def _secret(value: Any) -> Secret:
    return value if isinstance(value, Secret) else Secret(_text(value))


def _cloud_urls(value: Any) -> str | tuple[str, ...]:
    urls = [value] if isinstance(value, str) else value
    if not isinstance(urls, list | tuple) or not urls:
        raise ValueError("must be a URL or a non-empty list of URLs")
    checked = []
    for url in urls:
        parts = urlsplit(str(url).strip())
        if parts.scheme.lower() not in {"http", "https", "ws", "wss"} or not parts.netloc:
            raise ValueError(f"{str(url)!r} must be an http(s):// or ws(s):// URL")
        checked.append(str(url).strip())
    return checked[0] if len(checked) == 1 else tuple(checked)


def _pin(value: Any) -> str:
    pins.parse_pin(_text(value))
    return str(value).strip()


def _known_encoding(value: Any) -> str:
    try:
        "".encode(_text(value))
    except LookupError:
        raise ValueError(f"unknown encoding {value!r}") from None
    return str(value)


def _at_least(low: float, read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        number = read(value)
        if number < low:
            raise ValueError(f"Input should be greater than or equal to {low}")
        return number

    return check


def _between(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        number: int = _at_least(low, _integer)(value)
        if number > high:
            raise ValueError(f"Input should be less than or equal to {high}")
        return number

    return check


def _positive(value: Any) -> float:
    number = _number(value)
    if not number > 0:
        raise ValueError("Input should be greater than 0")
    return number


def _address(value: Any) -> str:
    if not _text(value):
        raise ValueError("String should have at least 1 character")
    return str(value)


_RULES: dict[str, Callable[[Any], Any]] = {
    "name": _text,
    "cloud": _cloud_urls,
    "insecure": _boolean,
    "cloud_ca": _path,
    "cloud_pin": _pin,
    "router_token": _secret,
    "router_token_file": _path,
    "router": _address,
    "api_port": _between(0, 65535),
    "tls": _boolean,
    "tls_verify": _boolean,
    "tls_ca_file": _path,
    "user": _text,
    "password": _secret,
    "password_file": _path,
    "ssh_port": _between(1, 65535),
    "ssh_known_hosts": _path,
    "state_dir": _path,
    "keep_backups_on_router": _boolean,
    "keep_markers": _at_least(0, _integer),
    "pool_size": _between(1, 64),
    "sync_answer_max": _between(*SYNC_ANSWER_BOUNDS),
    "connect_timeout": _positive,
    "backup_timeout": _positive,
    "router_check_interval": _positive,
    "reconnect_min": _positive,
    "reconnect_max": _positive,
    "encoding": _known_encoding,
}
"""How each setting is read: its type and bounds. A setting whose default is None may
also be None."""

_FIELDS: dict[str, Field[Any]] = {spec.name: spec for spec in fields(RouterSettings)}
SETTING_NAMES: tuple[str, ...] = tuple(_FIELDS)
_BOOLEANS = frozenset(name for name, rule in _RULES.items() if rule is _boolean)


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings given as ``TIKJOBS_AGENT_*`` variables."""
    found: dict[str, Any] = {}
    for name in SETTING_NAMES:
        value = environ.get(ENV_PREFIX + name.upper())
        if value is None:
            continue
        if name in _BOOLEANS:
            lowered = value.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ConfigError(
                    f"{ENV_PREFIX}{name.upper()}: {value!r} is not a boolean (true/false)"
                )
            found[name] = lowered in _TRUE
        else:
            found[name] = value
    return found


def read_file(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A TOML settings file: its common settings and its ``[[routers]]`` tables."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    tables = document.pop("routers", [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise ConfigError(f"{path}: routers must be a list of [[routers]] tables")
    return document, tables


def load(
    *,
    file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> list[RouterSettings]:
    """Every router's settings from the file, the environment and the options given.

    ``options`` are command-line values (None for an option not given). `ConfigError`
    names each setting that is missing or wrong.
    """
    environ = os.environ if environ is None else environ
    common: dict[str, Any] = {}
    tables: list[dict[str, Any]] = []
    if file is not None:
        common, tables = read_file(file)
    common.update(from_environment(environ))
    common.update({key: value for key, value in (options or {}).items() if value is not None})
    if tables and "router" in common:
        raise ConfigError(
            "the router address belongs in the file's [[routers]] tables when it has them; "
            "do not also give --router or TIKJOBS_AGENT_ROUTER"
        )
    layers = [{**common, **table} for table in tables] if tables else [common]
    credentials = environ.get("CREDENTIALS_DIRECTORY")
    routers = []
    for index, layer in enumerate(layers):
        where = _where(index, tables)
        settings = validate(with_secret_files(layer, credentials, where=where), where=where)
        for cloud in settings.clouds:
            if plain_cloud(cloud) and not settings.insecure:
                raise ConfigError(
                    f"{where + ': ' if where else ''}cloud: {cloud} is not encrypted; "
                    "use https:// (or wss://), or give --insecure to allow it"
                )
        routers.append(settings)
    labels = [settings.label for settings in routers]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ConfigError(f"several routers are named {', '.join(duplicates)}; give each a name")
    return routers


SECRET_FILES = {"router_token_file": "router_token", "password_file": "password"}


def plain_cloud(url: str) -> bool:
    """Whether a cloud URL speaks without TLS (http:// or ws://)."""
    return urlsplit(url.strip()).scheme.lower() in {"http", "ws"}


def with_secret_files(
    values: Mapping[str, Any], credentials: str | None, *, where: str = ""
) -> dict[str, Any]:
    """``values`` with each ``*_file`` secret read into its setting.

    The file is read from ``credentials`` (systemd's ``$CREDENTIALS_DIRECTORY``) under
    its own name when it is there, else from its path. A secret given both ways, or a
    file that cannot be read, is a `ConfigError`.
    """
    resolved = dict(values)
    prefix = f"{where}: " if where else ""
    for file_key, secret_key in SECRET_FILES.items():
        named = resolved.get(file_key)
        if named in (None, ""):
            continue
        if resolved.get(secret_key) not in (None, ""):
            raise ConfigError(
                f"{prefix}{secret_key} is given both as a value and as {file_key}; give one"
            )
        path = Path(str(named))
        if credentials and (Path(credentials) / path.name).is_file():
            path = Path(credentials) / path.name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise ConfigError(f"{prefix}{file_key}: cannot read {path}: {reason}") from None
        resolved[secret_key] = text.removesuffix("\n").removesuffix("\r")
    return resolved


def validate(values: Mapping[str, Any], *, where: str = "") -> RouterSettings:
    """One router's settings, or `ConfigError` naming every bad setting and why."""
    reasons = []
    checked: dict[str, Any] = {}
    for name, spec in _FIELDS.items():
        if name not in values:
            if spec.default is MISSING:
                reasons.append(f"{name}: missing")
            continue
        value = values[name]
        if value is None and spec.default is None:
            checked[name] = None
            continue
        try:
            checked[name] = _RULES[name](value)
        except ValueError as error:
            reasons.append(f"{name}: {error}")
    reasons += [_unknown(name) for name in values if name not in _FIELDS]
    if reasons:
        prefix = f"{where}: " if where else ""
        raise ConfigError(prefix + "; ".join(reasons))
    return RouterSettings(**checked)


def _unknown(name: str) -> str:
    """A setting the agent does not have, and the one it was probably meant to be."""
    return f"{name}: unknown setting{meant(name, _FIELDS)}"


def _where(index: int, tables: list[dict[str, Any]]) -> str:
    if not tables:
        return ""
    name = tables[index].get("name")
    return f"[[routers]] {name!r}" if name else f"[[routers]] #{index + 1}"
