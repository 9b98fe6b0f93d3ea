"""A throw-away PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a cluster
in a temporary directory, listening only on a Unix socket there (no TCP port, nothing
shared with the machine's own server). Started once per test session."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    if _bin("initdb") is None or _bin("pg_ctl") is None:
        return "PostgreSQL is not installed (Debian package 'postgresql')"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    return None


class TempPostgres:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.socket = root / "socket"
        self._as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self.socket.mkdir(parents=True, exist_ok=True)
        if self._as:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        assert initdb and pg_ctl
        self._run(initdb, "-D", str(self.data), "-U", "calmline", "--auth=trust", "-E", "UTF8")
        options = f"-k {self.socket} -c listen_addresses='' -c fsync=off"
        self._run(
            pg_ctl, "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start"
        )
        return f"postgresql+psycopg://calmline@/postgres?host={self.socket}"

    def stop(self) -> None:
        pg_ctl = _bin("pg_ctl")
        if pg_ctl and self.data.exists():
            subprocess.run(
                [*self._as, pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )
