"""``calmline helpdesk test NAME`` as an operator runs it: a subprocess, a policy file with a
``[helpdesks.NAME]`` section, a local stand-in for the helpdesk. One line, exit 0 or 2."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from calmline.protocol.policy import default_path
from tests.helpdesks.fakes import FakeHelpdesk

ZENDESK = {"email": "bot@example.com", "token": "zd-token"}


@pytest.fixture
def fake() -> Iterator[FakeHelpdesk]:
    with FakeHelpdesk("zendesk", ZENDESK) as server:
        yield server


def policy_file(tmp_path: Path, url: str) -> Path:
    """The packaged policy with a ``[helpdesks.zendesk]`` section appended."""
    text = default_path().read_text(encoding="utf-8")
    section = (
        "\n[helpdesks.zendesk]\n"
        f'base_url = "{url}"\n'
        'credentials = { email = "T_ZENDESK_EMAIL", token = "T_ZENDESK_TOKEN" }\n'
    )
    path = tmp_path / "calmline.toml"
    path.write_text(text + section, encoding="utf-8")
    return path


def run(
    tmp_path: Path, *args: str, token: str = "zd-token", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "CALMLINE_DATA_DIR": str(tmp_path / "data"),
        "T_ZENDESK_EMAIL": ZENDESK["email"],
        "T_ZENDESK_TOKEN": token,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "calmline.cli", "helpdesk", "test", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_ok_is_one_line_naming_who_signed_in(tmp_path: Path, fake: FakeHelpdesk) -> None:
    proc = run(tmp_path, "zendesk", "--policy", str(policy_file(tmp_path, fake.url)))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "zendesk: ok — signed in as calmline <bot@example.com> (agent)\n"
    assert proc.stderr == ""
    assert fake.writes() == []  # a test writes nothing on the helpdesk


def test_refused_credentials_and_a_helpdesk_that_is_down_are_exit_2(
    tmp_path: Path, fake: FakeHelpdesk
) -> None:
    policy = str(policy_file(tmp_path, fake.url))
    proc = run(tmp_path, "zendesk", "--policy", policy, token="wrong")
    assert proc.returncode == 2
    assert proc.stderr == "zendesk: failed — HTTP 401, the helpdesk refused the credentials\n"
    assert proc.stdout == ""
    fake.stop()
    proc = run(tmp_path, "zendesk", "--policy", policy)
    assert proc.returncode == 2
    assert proc.stderr == "zendesk: failed — no answer from the helpdesk (ConnectError)\n"


def test_not_configured_and_an_unset_credential_are_exit_2(
    tmp_path: Path, fake: FakeHelpdesk
) -> None:
    policy = str(policy_file(tmp_path, fake.url))
    proc = run(tmp_path, "freshdesk", "--policy", policy)
    assert (proc.returncode, proc.stderr) == (2, "freshdesk: not configured\n")
    env = {k: v for k, v in os.environ.items() if k != "T_ZENDESK_TOKEN"}
    proc = subprocess.run(
        [sys.executable, "-m", "calmline.cli", "helpdesk", "test", "zendesk", "--policy", policy],
        capture_output=True,
        text=True,
        env={**env, "CALMLINE_DATA_DIR": str(tmp_path / "data"), "T_ZENDESK_EMAIL": "x"},
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "zendesk: failed — helpdesks.zendesk.credentials.token: "
        "set the environment variable T_ZENDESK_TOKEN\n"
    )


def test_without_policy_it_reads_the_policy_the_server_uses(
    tmp_path: Path, fake: FakeHelpdesk
) -> None:
    policy = str(policy_file(tmp_path, fake.url))
    proc = run(tmp_path, "zendesk", CALMLINE_POLICY=policy)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("zendesk: ok — signed in as calmline")
    proc = run(tmp_path, "zendesk")  # the packaged default has no helpdesks
    assert (proc.returncode, proc.stderr) == (2, "zendesk: not configured\n")


def test_an_invalid_policy_and_an_unknown_helpdesk_are_usage_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        default_path().read_text(encoding="utf-8")
        + '\n[helpdesks.zendesk]\nbase_url = "ftp://x"\n',
        encoding="utf-8",
    )
    proc = run(tmp_path, "zendesk", "--policy", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith("calmline: error: ") and "helpdesks.zendesk" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    proc = run(tmp_path, "intercom")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
