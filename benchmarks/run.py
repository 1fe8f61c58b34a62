"""Throughput, latency, page weight and memory of a real server (gunicorn) on a fresh SQLite database.

Prints figures; asserts nothing. Usage: `make bench` (needs Debian's `wrk`; DATABASE_URL picks another database).
Pages measured: a question page, saving a page (POST with CSRF, via a wrk Lua script), the results page with
charts, the home page and a learn clause page, for an ISO 9001 assessment answered in full.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DURATION = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workdir: Path, port: int, workers: str) -> subprocess.Popen:
    env = {**os.environ, "FLASK_APP": "app", "FLASK_SECRET_KEY": "bench-only"}
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    subprocess.run([BIN / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [BIN / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", workers, "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path).read().decode()

    def post(self, path: str, data: dict) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            response = self.opener.open(self.base + path, body)
        except urllib.error.HTTPError as redirect:
            if redirect.code != 302:
                raise
            return redirect.headers["Location"]
        return response.read().decode()

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def answered_assessment(browser: Browser) -> tuple[str, dict[str, str]]:
    """Start an ISO 9001 assessment and answer every page at level 3; return its token and page 8's form."""
    page = browser.get("/start")
    location = browser.post(
        "/start",
        {"csrf_token": CSRF.search(page)[1], "organisation": "Bench Ltd", "standards": "iso9001-2015"},
    )
    token = location.rsplit("/", 1)[1]
    page_8 = {}
    for page_id in ("4", "5", "6", "7", "8", "9", "10"):
        html = browser.get(f"/a/{token}/s/{page_id}")
        form = {"csrf_token": CSRF.search(html)[1], "go": "next"}
        form.update({f"{name}-level": "3" for name in dict.fromkeys(re.findall(r'name="([^"]+)-level"', html))})
        browser.post(f"/a/{token}/s/{page_id}", form)
        if page_id == "8":
            page_8 = form
    return token, page_8


def wrk(url: str, script: Path | None = None) -> dict[str, str]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = {"req/s": re.search(r"Requests/sec:\s+([\d.]+)", output)[1]}
    for pct in ("50", "99"):
        match = re.search(rf"\s{pct}%\s+([\d.]+\w+)", output)
        figures[f"p{pct}"] = match[1] if match else "?"
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non-2xx/3xx"] = errors[1] if errors else "0"
    return figures


def post_script(workdir: Path, form: dict[str, str], cookie: str) -> Path:
    """Alternate every answer between levels 2 and 3, so each request really updates 37 rows."""
    bodies = []
    for level in ("2", "3"):
        changed = {k: (level if k.endswith("-level") else v) for k, v in form.items()}
        bodies.append(urllib.parse.urlencode(changed).replace('"', '\\"'))
    script = workdir / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        f'local bodies = {{"{bodies[0]}", "{bodies[1]}"}}\n'
        "local n = 0\n"
        "request = function()\n  n = n + 1\n  return wrk.format(nil, nil, nil, bodies[n % 2 + 1])\nend\n",
        encoding="utf-8",
    )
    return script


def rss_mib(server: subprocess.Popen) -> str:
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return ", ".join(f"{size:.0f}" for size in sizes) or "?"


ROW = "{:38} {:>8} {:>9} {:>9} {:>12}"


def throughput(base: str, token: str, form: dict[str, str], browser: Browser, workdir: Path) -> None:
    print(ROW.format("page", "req/s", "p50", "p99", "non-2xx/3xx"))
    save = post_script(workdir, form, browser.cookie_header())
    targets = [
        ("home", f"{base}/", None),
        ("question page (section 8, 37 questions)", f"{base}/a/{token}/s/8", None),
        ("save section 8 (POST, 37 rows updated)", f"{base}/a/{token}/s/8", save),
        ("results (scores, 2 charts, plan)", f"{base}/a/{token}/results", None),
        ("learn clause page", f"{base}/learn/iso9001-2015/8.5.1", None),
    ]
    for label, url, script in targets:
        f = wrk(url, script)
        print(ROW.format(label[:38], f["req/s"], f["p50"], f["p99"], f["non-2xx/3xx"]))


def page_weight(base: str, token: str, browser: Browser) -> None:
    page_kib = len(browser.get(f"/a/{token}/s/8")) / 1024
    results_kib = len(browser.get(f"/a/{token}/results")) / 1024
    print(f"page weight: question page {page_kib:.0f} KiB, results {results_kib:.0f} KiB (HTML)")
    request = urllib.request.Request(
        f"{base}/assets/plotly-{plotly_version()}.min.js", headers={"Accept-Encoding": "gzip"}
    )
    plotly_kib = len(urllib.request.urlopen(request).read()) / 1024
    print(f"plotly.js: {plotly_kib:.0f} KiB gzipped, cached for a year after the first visit")


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    workers = os.environ.get("WORKERS", "2")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port = free_port()
        server = start_server(workdir, port, workers)
        try:
            base = f"http://127.0.0.1:{port}"
            browser = Browser(base)
            token, form = answered_assessment(browser)
            print(f"gunicorn, {workers} sync workers, wrk {CONNECTIONS} connections x {DURATION}s, ISO 9001")
            throughput(base, token, form, browser, workdir)
            page_weight(base, token, browser)
            print(f"worker memory (RSS MiB): {rss_mib(server)}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)


def plotly_version() -> str:
    import plotly

    return plotly.__version__


if __name__ == "__main__":
    main()
