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
(``router_token``, ``password``) are `SecretStr`: their ``repr`` and ``str`` are masked,
so logging a setting never shows them.

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
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from tikjobs.agent import pins
from tikjobs.agent.exceptions import ConfigError

ENV_PREFIX = "TIKJOBS_AGENT_"
DEFAULT_API_PORT = 8728
DEFAULT_TLS_API_PORT = 8729

Seconds = float


class RouterSettings(BaseModel):
    """How the agent reaches one router and the cloud it serves it to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="", description="A label for logs; defaults to router:api_port.")
    cloud: str | tuple[str, ...] = Field(
        description="The cloud's URL (http(s):// or ws(s)://), or a list of them (replicas "
        "of one cloud): the agent connects to one and, when it is lost, to the next."
    )
    insecure: bool = Field(
        default=False, description="Allow a plain http:// or ws:// cloud (testing only)."
    )
    cloud_ca: Path | None = Field(default=None, description="CA bundle for the cloud's TLS.")
    cloud_pin: str | None = Field(
        default=None,
        description="SHA-256 of the cloud's certificate or public key (SPKI): hex, or "
        "sha256//base64 as curl writes it; checked before anything is sent.",
    )
    router_token: SecretStr = Field(description="The router's tunnel token from the cloud.")
    router_token_file: Path | None = Field(
        default=None, description="A file holding the router token (or a systemd credential)."
    )
    router: str = Field(min_length=1, description="The router's address (host name or IP).")
    api_port: int = Field(default=0, ge=0, le=65535, description="0: 8728, or 8729 with tls.")
    tls: bool = Field(default=False, description="Speak the API over TLS (api-ssl).")
    tls_verify: bool = Field(default=True, description="Check the router's TLS certificate.")
    tls_ca_file: Path | None = Field(default=None, description="CA bundle for the router.")
    user: str = "admin"
    password: SecretStr = SecretStr("")
    password_file: Path | None = Field(
        default=None, description="A file holding the password (or a systemd credential)."
    )
    ssh_port: int = Field(default=22, ge=1, le=65535)
    ssh_known_hosts: Path | None = Field(
        default=None,
        description="known_hosts for the router's SSH key; default <state_dir>/known_hosts, "
        "where the key seen first is kept (trust on first use).",
    )
    state_dir: Path = Field(default=Path("tikjobs-agent-state"))
    keep_backups_on_router: bool = False
    keep_markers: int = Field(
        default=50,
        ge=0,
        description="Finished job markers kept on the router (a fifth more between prunes).",
    )
    pool_size: int = Field(default=4, ge=1, le=64, description="API connections for calls.")
    connect_timeout: Seconds = Field(default=10.0, gt=0)
    backup_timeout: Seconds = Field(default=120.0, gt=0)
    router_check_interval: Seconds = Field(
        default=15.0, gt=0, description="Seconds between checks that the router answers."
    )
    reconnect_min: Seconds = Field(default=0.5, gt=0)
    reconnect_max: Seconds = Field(default=30.0, gt=0)
    encoding: str = Field(default="utf-8", description="Text encoding of API words.")

    @field_validator("cloud", mode="before")
    @classmethod
    def _cloud_urls(cls, value: Any) -> str | tuple[str, ...]:
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

    @property
    def clouds(self) -> tuple[str, ...]:
        """Every cloud URL, in the order the agent tries them."""
        return (self.cloud,) if isinstance(self.cloud, str) else self.cloud

    @field_validator("cloud_pin")
    @classmethod
    def _pin(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            pins.parse_pin(value)
        except ValueError as error:
            raise ValueError(str(error)) from None
        return value.strip()

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            "".encode(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value

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


SETTING_NAMES: tuple[str, ...] = tuple(RouterSettings.model_fields)
_BOOLEANS = frozenset(
    name for name, field in RouterSettings.model_fields.items() if field.annotation is bool
)
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


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
    try:
        return RouterSettings.model_validate(dict(values))
    except ValidationError as error:
        reasons = []
        for item in error.errors():
            field = ".".join(str(part) for part in item["loc"]) or "settings"
            message = "missing" if item["type"] == "missing" else item["msg"]
            reasons.append(f"{field}: {message}")
        prefix = f"{where}: " if where else ""
        raise ConfigError(prefix + "; ".join(reasons)) from None


def _where(index: int, tables: list[dict[str, Any]]) -> str:
    if not tables:
        return ""
    name = tables[index].get("name")
    return f"[[routers]] {name!r}" if name else f"[[routers]] #{index + 1}"
