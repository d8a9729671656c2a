"""The agent's settings: file, environment and options layered; several routers per file;
secrets never shown; every mistake named."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

import pytest

from tikjobs.agent import cli, config
from tikjobs.agent.exceptions import ConfigError
from tikjobs.contracts.tunnel import MAX_FRAME_BYTES, SyncResult, dump_frame

TOKEN = "tok-8f2c1d"
PASSWORD = "pw-c41e9a"


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_one_router_from_the_command_line() -> None:
    args = parse(
        "--cloud", "https://127.0.0.1:8080", "--router-token", TOKEN, "--router", "10.0.0.1",
        "--api-port", "8728", "--user", "admin", "--password", PASSWORD, "--ssh-port", "2222",
        "--state-dir", "/srv/agent-state",
    )  # fmt: skip

    [settings] = cli.settings_from(args, environ={})

    assert settings.router == "10.0.0.1"
    assert settings.port == 8728
    assert settings.ssh_port == 2222
    assert settings.password.get_secret_value() == PASSWORD
    assert settings.state_dir == Path("/srv/agent-state")


def test_tls_uses_the_api_ssl_port_unless_given() -> None:
    args = parse("--cloud", "https://c", "--router-token", TOKEN, "--router", "r", "--tls")

    [settings] = cli.settings_from(args, environ={})

    assert settings.tls
    assert settings.port == 8729


def test_options_win_over_the_environment_which_wins_over_the_file(tmp_path: Path) -> None:
    file = tmp_path / "agent.toml"
    file.write_text(
        'cloud = "http://file"\ninsecure = true\nrouter_token = "from-file"\nrouter = "10.0.0.1"\n'
        'user = "file-user"\nssh_port = 2200\n'
    )
    environ = {"TIKJOBS_AGENT_USER": "env-user", "TIKJOBS_AGENT_SSH_PORT": "2300"}

    [settings] = cli.settings_from(parse("--config", str(file), "--ssh-port", "2400"), environ)

    assert settings.cloud == "http://file"
    assert settings.user == "env-user"
    assert settings.ssh_port == 2400


def test_a_file_serves_several_routers_over_common_settings(tmp_path: Path) -> None:
    file = tmp_path / "agent.toml"
    file.write_text(
        'cloud = "https://cloud.example.net"\nuser = "tikjobs"\n\n'
        '[[routers]]\nname = "branch-1"\nrouter = "10.1.0.1"\nrouter_token = "t1"\n\n'
        '[[routers]]\nname = "branch-2"\nrouter = "10.2.0.1"\nrouter_token = "t2"\n'
        'user = "other"\ntls = true\n'
    )

    routers = config.load(file=file, environ={})

    assert [r.label for r in routers] == ["branch-1", "branch-2"]
    assert [r.user for r in routers] == ["tikjobs", "other"]
    assert [r.port for r in routers] == [8728, 8729]
    assert all(r.cloud == "https://cloud.example.net" for r in routers)


def test_secrets_are_masked_wherever_settings_are_shown() -> None:
    settings = config.validate(
        {"cloud": "http://c", "router_token": TOKEN, "router": "r", "password": PASSWORD}
    )

    shown = repr(settings) + str(settings) + repr(asdict(settings))

    assert TOKEN not in shown
    assert PASSWORD not in shown


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"router_token": "t", "router": "r"}, "cloud: missing"),
        (
            {"cloud": "ftp://c", "router_token": "t", "router": "r"},
            "cloud: 'ftp://c' must be an http",
        ),
        ({"cloud": "http://c", "router": "r"}, "router_token: missing"),
        ({"cloud": "http://c", "router_token": "t", "router": "r", "api_port": 70000}, "api_port"),
        ({"cloud": "http://c", "router_token": "t", "router": "r", "pool_size": 0}, "pool_size"),
        (
            {"cloud": "http://c", "router_token": "t", "router": "r", "sync_answer_max": 1023},
            "sync_answer_max: Input should be greater than or equal to 1024",
        ),
        (
            {"cloud": "http://c", "router_token": "t", "router": "r", "sync_answer_max": 2**23 + 1},
            "sync_answer_max: Input should be less than or equal to 8388608",
        ),
        (
            {"cloud": "http://c", "router_token": "t", "router": "r", "colour": "x"},
            r"colour: unknown setting$",
        ),
    ],
)
def test_every_bad_setting_is_named(values: dict[str, object], reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        config.validate(values)


def test_a_misspelt_setting_in_a_routers_table_names_the_table_and_the_setting_meant(
    tmp_path: Path,
) -> None:
    file = tmp_path / "agent.toml"
    file.write_text(
        'cloud = "https://cloud.example.net"\n\n'
        '[[routers]]\nname = "branch-1"\nrouter = "10.1.0.1"\nrouter_token = "t1"\n'
        'pasword = "secret"\n'
    )

    with pytest.raises(ConfigError) as refused:
        config.load(file=file, environ={})

    assert str(refused.value) == (
        "[[routers]] 'branch-1': pasword: unknown setting (did you mean password?)"
    )


def test_the_sync_answer_bound_is_4_mib_unless_set_in_any_of_the_three_places(
    tmp_path: Path,
) -> None:
    file = tmp_path / "agent.toml"
    file.write_text(
        'cloud = "https://c"\nrouter_token = "t"\nrouter = "r"\nsync_answer_max = 2048\n'
    )
    given = ("--cloud", "https://c", "--router-token", TOKEN, "--router", "r")

    [default] = cli.settings_from(parse(*given), environ={})
    [from_file] = cli.settings_from(parse("--config", str(file)), environ={})
    [from_env] = cli.settings_from(parse(*given), {"TIKJOBS_AGENT_SYNC_ANSWER_MAX": "65536"})
    [from_option] = cli.settings_from(parse(*given, "--sync-answer-max", "8388608"), environ={})

    assert default.sync_answer_max == 4 * 1024 * 1024
    assert from_file.sync_answer_max == 2048
    assert from_env.sync_answer_max == 65536
    assert from_option.sync_answer_max == 8 * 1024 * 1024


def test_the_largest_sync_answer_fits_one_tunnel_frame_however_it_is_escaped() -> None:
    """The costliest text there is: control characters, six bytes of JSON each."""
    largest = config.SYNC_ANSWER_BOUNDS[1]
    value = "\x1f" * (largest - len("!re") - len("=a="))
    frame = dump_frame(SyncResult(request_id="r" * 64, rows=[{"a": value}]))

    assert len(frame.encode()) <= MAX_FRAME_BYTES


def test_a_bad_boolean_in_the_environment_is_named() -> None:
    with pytest.raises(ConfigError, match="TIKJOBS_AGENT_TLS"):
        config.from_environment({"TIKJOBS_AGENT_TLS": "maybe"})


def test_an_unreadable_or_broken_file_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("cloud = \n")

    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(file=broken, environ={})
    with pytest.raises(ConfigError, match="cannot read"):
        config.load(file=tmp_path / "missing.toml", environ={})


def test_the_cli_refuses_missing_settings_with_exit_status_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in config.SETTING_NAMES:
        monkeypatch.delenv(config.ENV_PREFIX + name.upper(), raising=False)
    monkeypatch.delenv(config.ENV_PREFIX + "CONFIG", raising=False)

    status = cli.run(parse("--router", "10.0.0.1"))

    assert status == 2
    error = capsys.readouterr().err
    assert "cloud: missing" in error
    assert "router_token: missing" in error


def test_cloud_repeated_on_the_command_line_keeps_every_replica_in_order() -> None:
    args = parse(
        "--cloud", "https://a.example.net", "--cloud", "https://b.example.net",
        "--router-token", TOKEN, "--router", "10.0.0.1",
    )  # fmt: skip

    [settings] = cli.settings_from(args, environ={})

    assert settings.clouds == ("https://a.example.net", "https://b.example.net")


def test_a_file_lists_the_replicas_of_its_cloud(tmp_path: Path) -> None:
    file = tmp_path / "agent.toml"
    file.write_text(
        'cloud = ["https://a.example.net", "https://b.example.net", "http://c:8080"]\n'
        'router_token = "t"\nrouter = "10.0.0.1"\n'
    )

    with pytest.raises(ConfigError, match="http://c:8080 is not encrypted"):
        config.load(file=file, environ={})
    file.write_text(file.read_text().replace("http://c:8080", "https://c:8080"))
    [settings] = config.load(file=file, environ={})

    assert settings.clouds == ("https://a.example.net", "https://b.example.net", "https://c:8080")


def test_an_empty_or_malformed_cloud_list_is_named(tmp_path: Path) -> None:
    file = tmp_path / "agent.toml"
    for value in ("[]", '["https://a", "ftp://b"]'):
        file.write_text(f'cloud = {value}\nrouter_token = "t"\nrouter = "10.0.0.1"\n')
        with pytest.raises(ConfigError, match="cloud"):
            config.load(file=file, environ={})
