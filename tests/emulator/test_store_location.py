"""``--db`` and ``TIKJOBS_DB``: an SQLite path or a ``postgresql://`` URL, anything else
refused with the reason, and a URL's password never shown."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from tikjobs.emulator import serve
from tikjobs.emulator.settings import Settings
from tikjobs.emulator.store.location import PostgresUrl

TOKEN = "location-test-admin-token"


def settings_of(*arguments: str, **environment: str) -> Settings:
    """Settings as ``tikjobs emulator`` reads them from ``arguments`` and ``environment``."""
    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    with pytest.MonkeyPatch.context() as patch:
        for key in list(os.environ):
            if key.startswith("TIKJOBS_"):
                patch.delenv(key)
        for key, value in environment.items():
            patch.setenv(key, value)
        return serve.settings_from(parser.parse_args(["--admin-token", TOKEN, *arguments]))


def test_a_url_names_postgresql_and_a_path_names_sqlite(tmp_path: Path) -> None:
    url = "postgresql://postgres@127.0.0.1:5432/tikjobs"
    assert settings_of("--db", url).db_path == PostgresUrl.parse(url)
    assert str(settings_of("--db", url).db_path) == url
    assert settings_of("--db", str(tmp_path / "x.db")).db_path == tmp_path / "x.db"
    assert settings_of().db_path == Path("tikjobs.db")


def test_the_environment_names_the_database_and_arguments_win(tmp_path: Path) -> None:
    url = "postgres://tikjobs@db.internal/emulator?sslmode=require"
    assert str(settings_of(TIKJOBS_DB=url).db_path) == "postgresql://tikjobs@db.internal/emulator"
    assert settings_of(TIKJOBS_DB_PATH=str(tmp_path / "a.db")).db_path == tmp_path / "a.db"
    chosen = settings_of("--db", str(tmp_path / "b.db"), TIKJOBS_DB=url).db_path
    assert chosen == tmp_path / "b.db"


def test_a_password_in_the_url_is_used_but_never_shown() -> None:
    settings = settings_of("--db", "postgresql://tikjobs:hunter2@127.0.0.1:5432/tikjobs")
    location = settings.db_path
    assert isinstance(location, PostgresUrl)
    assert "hunter2" not in str(location)
    assert "hunter2" not in repr(settings)
    assert "password=hunter2" in location.conninfo()
    assert "application_name=tikjobs-emulator" in location.conninfo()


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("mysql://root@127.0.0.1/tikjobs", "file path or a postgresql:// URL, not a mysql://"),
        ("sqlite:///tikjobs.db", "not a sqlite:// URL"),
        ("postgresql://127.0.0.1:5432", "must name its database"),
        ("postgresql://127.0.0.1:5432/", "must name its database"),
        ("postgresql://127.0.0.1:0/tikjobs", "port '0' is not 1 to 65535"),
        ("postgresql://127.0.0.1:65536/tikjobs", "port '65536'"),
        ("postgresql://127.0.0.1:http/tikjobs", "port 'http'"),
        ("postgresql://127.0.0.1/tikjobs?colour=blue", 'invalid URI query parameter: "colour"'),
        ("postgresql://127.0.0.1/tik jobs", "spaces"),
        ("", "must be a file path or a URL"),
    ],
)
def test_nonsense_is_refused_with_the_reason(given: str, reason: str) -> None:
    with pytest.raises(ValidationError, match="db_path") as refused:
        settings_of("--db", given)
    assert reason in str(refused.value)


def test_tikjobs_emulator_refuses_a_bad_url_before_starting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    arguments = parser.parse_args(["--admin-token", TOKEN, "--db", "mongodb://127.0.0.1/x"])
    assert serve.run(arguments) == 2
    error = capsys.readouterr().err
    assert "db_path: the database is a file path or a postgresql:// URL" in error
    assert "Traceback" not in error
