"""Real gunicorn servers for the tests that need more than the test client: logs, several hosts."""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import ROOT

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_URL", "REDIS_URL"))}
    return {
        **env,
        "FLASK_APP": "app",
        "FLASK_SECRET_KEY": "shared-by-every-host",
        "DATABASE_URL": database_url,
        **extra,
    }


@contextmanager
def gunicorn(env: dict[str, str], *args: str) -> Iterator[str]:
    """Serve the app with the repo's gunicorn.conf.py on a free port; yield its base URL."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", *args, "app:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start: {server.stderr.read().decode()[-2000:]}") from None  # type: ignore[union-attr]
                time.sleep(0.05)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        server.stderr.close()  # type: ignore[union-attr]


class Browser:
    """One browser: its own cookies (session, CSRF), following no redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.headers: dict[str, str] = {}  # sent with every request (e.g. X-Forwarded-For behind a proxy)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path, headers=self.headers))

    def post(self, path: str, data: dict[str, str | list[str]]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, headers=self.headers))

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                text = error.headers.get("Location") if error.code == 302 else error.read().decode()
                return error.code, text or ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None
