"""A console over the real device model, for running scripts in tests."""

from __future__ import annotations

from collections.abc import MutableMapping

import pytest

from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.script import run_script
from tikjobs.vm.sim.tree import Found


class ModelConsole:
    """The `Console` a script sees: the real `RouterModel`, globals in a dict, and
    ``:delay`` recorded instead of waited for."""

    def __init__(self, model: RouterModel) -> None:
        self.model = model
        self._globals: dict[str, object] = {}
        self.commands: list[Command] = []
        self.delays: list[float] = []

    @property
    def globals(self) -> MutableMapping[str, object]:
        return self._globals

    def knows(self, path: tuple[str, ...]) -> bool:
        return self.model.knows(path)

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        return self.model.resolve(path, word)

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        return self.model.argument(path, verb, word)

    def execute(self, command: Command) -> Reply:
        self.commands.append(command)
        return self.model.execute(command)

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    def run(self, source: str) -> str:
        return run_script(source, self)


@pytest.fixture
def model() -> RouterModel:
    return RouterModel()


@pytest.fixture
def console(model: RouterModel) -> ModelConsole:
    return ModelConsole(model)
