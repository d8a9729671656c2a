"""Errors raised by the agent: settings, its state directory, the router and the cloud.

    AgentError
     ├── ConfigError              a setting that is missing or wrong (names the setting)
     ├── LedgerError              the state directory cannot be used (unwritable, in use)
     ├── RouterError              talking to the router's API failed
     │    ├── RouterUnreachable   no connection, or the connection dropped mid-command
     │    ├── LoginRefused        the router refused the user name or password
     │    ├── RouterTimeout       no answer in time (the connection is dropped)
     │    ├── AnswerTooLarge      an answer past the size allowed (the connection is dropped)
     │    └── RouterTrapped       RouterOS answered ``!trap``; carries every trap
     ├── FileTransferError        SSH or SFTP to the router failed
     ├── BackupFailed             the backup before a job could not be made or stored
     └── CloudError               the tunnel to the cloud
          ├── CloudUnreachable    cannot connect, or the tunnel closed
          └── CloudRefused        the cloud ended the tunnel with a reason (bad token ...)

Third-party errors (librouteros, paramiko, websockets, OSError, TimeoutError) are
translated into these where the agent calls those libraries: `agent.router` for the
API, `agent.backup` for SSH/SFTP, `agent.tunnel` for the WebSocket, `agent.ledger` for
the state directory. Everything above those modules sees only this tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from tikjobs.contracts.tunnel import Trap


class AgentError(Exception):
    """Base of every error the agent raises on purpose."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class ConfigError(AgentError):
    """A setting is missing or has a value the agent cannot use."""


class LedgerError(AgentError):
    """The local ledger in the state directory cannot be read, written or locked."""


class RouterError(AgentError):
    """The router's API could not do what was asked."""


class RouterUnreachable(RouterError):
    """No API connection to the router, or it dropped while a command ran."""


class LoginRefused(RouterError):
    """The router refused the configured user name or password."""


class RouterTimeout(RouterError):
    """The router did not answer within the time allowed; the connection was closed."""


class AnswerTooLarge(RouterError):
    """The router's answer grew past the size the command was allowed; the connection was
    closed, so RouterOS abandoned the command."""


class RouterTrapped(RouterError):
    """RouterOS refused a command with one or more ``!trap`` sentences."""

    def __init__(self, traps: Sequence[Trap]) -> None:
        super().__init__("; ".join(trap.message for trap in traps) or "trap")
        self.traps = tuple(traps)


class FileTransferError(AgentError):
    """An SSH or SFTP operation on the router failed."""


class BackupFailed(AgentError):
    """The backup a job asked for could not be made, fetched or stored upstream."""


class CloudError(AgentError):
    """The tunnel to the cloud failed."""


class CloudUnreachable(CloudError):
    """The cloud could not be reached, or the tunnel is closed."""


class CloudRefused(CloudError):
    """The cloud ended the tunnel and said why (``code`` and message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


def describe(error: BaseException) -> str:
    """A third-party error in a few words, for the message of the error it becomes."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
