"""Throughput as a ratio to a bare Flask "hello", start-up time, page weight and memory, on real gunicorn servers.

Prints figures; asserts nothing. Usage: `make bench` (needs Debian's `wrk`; DATABASE_URL picks another database,
BENCH_ROOT another checkout to measure with this same script, e.g. the previous commit for a before/after table).
The app and the bare hello run side by side under the same gunicorn settings (the checkout's gunicorn.conf.py if it
has one, the same worker count) and are measured in alternation within one run, so both see the same machine.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("BENCH_ROOT", HERE.parent)).resolve()
BIN = Path(sys.executable).parent
DURATION = os.environ.get("BENCH_SECONDS", "5")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
WORKERS = os.environ.get("WORKERS", "2")
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
INTEGRATED_3 = ["iso9001-2015", "iso14001-2015", "iso45001-2018"]
INTEGRATED_6 = [*INTEGRATED_3, "iso27001-2022", "iso22301-2019", "iso50001-2018"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(cwd: Path, target: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    """Same settings for the app and the yardstick: the checkout's config file if any, the same workers."""
    config = ["--config", str(ROOT / "gunicorn.conf.py")] if (ROOT / "gunicorn.conf.py").exists() else []
    command = [BIN / "gunicorn", *config, "--bind", f"127.0.0.1:{port}", "--workers", WORKERS, target]
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(url: str, server: subprocess.Popen) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < 60:
        if server.poll() is not None:
            raise SystemExit(f"server for {url} exited")
        try:
            urllib.request.urlopen(url, timeout=1)
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"{url} did not come up")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)


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


def page_form(html: str, level: str) -> dict[str, str]:
    """A page's post body with every question at `level` (and the hidden fields the page carries)."""
    form = {"csrf_token": CSRF.search(html)[1], "go": "next"}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        form.setdefault(name, value)
    form.update({f"{name}-level": level for name in dict.fromkeys(re.findall(r'name="([^"]+)-level"', html))})
    return form


def answered_assessment(browser: Browser, standards: list[str]) -> tuple[str, dict[str, dict[str, str]]]:
    """Start an assessment and answer every page at level 3; return its token and each page's form."""
    page = browser.get("/start")
    location = browser.post(
        "/start", {"csrf_token": CSRF.search(page)[1], "organisation": "Bench Ltd", "standards": standards}
    )
    token = location.rsplit("/", 1)[1]
    overview = browser.get(f"/a/{token}")
    forms = {}
    for page_id in dict.fromkeys(re.findall(rf'href="/a/{token}/s/([^"]+)"', overview)):
        html = browser.get(f"/a/{token}/s/{page_id}")
        forms[page_id] = page_form(html, "3")
        browser.post(f"/a/{token}/s/{page_id}", forms[page_id])
    return token, forms


def wrk(url: str, script: Path | None = None) -> dict[str, str]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = {"req/s": re.search(r"Requests/sec:\s+([\d.]+)", output)[1]}
    figures["requests"] = re.search(r"(\d+) requests in", output)[1]
    match = re.search(r"\s50%\s+([\d.]+\w+)", output)
    figures["p50"] = match[1] if match else "?"
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["errors"] = errors[1] if errors else "0"
    return figures


def post_script(workdir: Path, browser: Browser, token: str, page_id: str) -> Path:
    """Alternate every answer between levels 2 and 3, so each request really writes every row of the page.

    Without the page's revision: with it, every save after the first would be refused as a conflict (409).
    """
    bodies = []
    for level in ("2", "3"):
        form = page_form(browser.get(f"/a/{token}/s/{page_id}"), level)
        form.pop("revision", None)
        bodies.append(urllib.parse.urlencode(form).replace('"', '\\"'))
    script = workdir / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "{browser.cookie_header()}"\n'
        f'local bodies = {{"{bodies[0]}", "{bodies[1]}"}}\n'
        "local n = 0\n"
        "request = function()\n  n = n + 1\n  return wrk.format(nil, nil, nil, bodies[n % 2 + 1])\nend\n",
        encoding="utf-8",
    )
    return script


def cpu_seconds(server: subprocess.Popen) -> float:
    """User + system CPU of a gunicorn master and its workers so far: unlike req/s, blind to other load."""
    pids = [
        str(server.pid),
        *subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split(),
    ]
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(url: str, server: subprocess.Popen, script: Path | None = None) -> tuple[dict[str, str], float]:
    """wrk figures, and the server's CPU milliseconds per request during the run."""
    before = cpu_seconds(server)
    figures = wrk(url, script)
    return figures, 1000 * (cpu_seconds(server) - before) / max(int(figures["requests"]), 1)


def rss_mib(server: subprocess.Popen) -> str:
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return ", ".join(f"{size:.0f}" for size in sizes) or "?"


ROW = "{:44} {:>7} {:>7} {:>7} {:>9} {:>9} {:>8} {:>7}"


def throughput(
    targets: list[tuple[str, str, Path | None, str]],
    hello: str,
    app_server: subprocess.Popen,
    hello_server: subprocess.Popen,
) -> None:
    """Each target measured right after a run of hello, ROUNDS times; ratios are medians over rounds.

    Two ratios to hello: requests per second (what the issue's targets are set in; moves with anything else
    running on the machine) and CPU per request (the app's cost alone, steady on a busy machine).
    """
    print(ROW.format("page", "req/s", "hello", "ratio", "CPU ms/req", "hello ms", "ratio", "target"))
    only = os.environ.get("BENCH_ONLY", "")  # e.g. "question page": measure the targets whose label has it
    for label, url, script, goal in [target for target in targets if only in target[0]]:
        rates, ratios, cpus, cpu_ratios, f = [], [], [], [], {}
        for _ in range(ROUNDS):
            time.sleep(1)  # let the workers finish requests the previous run left queued
            base, base_cpu = measured(hello, hello_server)
            f, cpu = measured(url, app_server, script)
            rates.append(float(f["req/s"]))
            ratios.append(float(f["req/s"]) / float(base["req/s"]))
            cpus.append(cpu)
            cpu_ratios.append(base_cpu / cpu if cpu else 0.0)
        ratio, rate = statistics.median(ratios), statistics.median(rates)
        cpu, cpu_ratio = statistics.median(cpus), statistics.median(cpu_ratios)
        errors = "" if f.get("errors", "0") == "0" else f" ({f['errors']} non-2xx/3xx)"
        print(
            ROW.format(
                label[:44],
                f"{rate:.0f}",
                f"{rate / ratio:.0f}",
                f"{ratio:.1%}",
                f"{cpu:.2f}",
                f"{cpu * cpu_ratio:.2f}",
                f"{cpu_ratio:.1%}",
                goal,
            )
            + errors
        )


def startup(env: dict[str, str], workdir: Path) -> None:
    """From launching gunicorn to its first answer, app against bare hello, alternated five times: wall time, and
    CPU time of the master and its workers (steady on a busy machine)."""
    times: dict[str, list[float]] = {"app": [], "hello": []}
    cpu: dict[str, list[float]] = {"app": [], "hello": []}
    for _ in range(5):
        for name, cwd, target in (("hello", HERE, "hello:app"), ("app", ROOT, "app:app")):
            port = free_port()
            server = gunicorn(cwd, target, port, env)
            try:
                times[name].append(wait_until_up(f"http://127.0.0.1:{port}/", server))
                time.sleep(0.5)  # every worker booted, not only the one that answered
                cpu[name].append(cpu_seconds(server))
            finally:
                stop(server)
    app, hello = statistics.median(times["app"]), statistics.median(times["hello"])
    app_cpu, hello_cpu = statistics.median(cpu["app"]), statistics.median(cpu["hello"])
    print(
        f"start-up to first response: app {app:.2f} s, hello {hello:.2f} s, ratio {app / hello:.1f}x; "
        f"CPU app {app_cpu:.2f} s, hello {hello_cpu:.2f} s, ratio {app_cpu / hello_cpu:.1f}x (target <= 3x)"
    )


def page_weight(base: str, token: str, browser: Browser) -> None:
    def fetch(path: str, encoding: str | None = None) -> tuple[bytes, dict[str, str]]:
        headers = {"Accept-Encoding": encoding} if encoding else {}
        response = urllib.request.urlopen(urllib.request.Request(base + path, headers=headers))
        return response.read(), dict(response.headers)

    results = browser.get(f"/a/{token}/results")
    for label, path in (("question page", f"/a/{token}/s/8"), ("results", f"/a/{token}/results")):
        raw, _ = fetch(path)
        sent, headers = fetch(path, "gzip")
        print(
            f"{label}: {len(raw) / 1024:.0f} KiB, sent {len(sent) / 1024:.0f} KiB ({headers.get('Content-Encoding')})"
        )
    for match in re.finditer(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', results):
        sent, headers = fetch(match[1], "gzip")
        size = len(gzip.decompress(sent) if headers.get("Content-Encoding") == "gzip" else sent)
        print(
            f"{match[1]}: {size / 1024:.0f} KiB, sent {len(sent) / 1024:.0f} KiB ({headers.get('Content-Encoding')}),"
            f" Cache-Control: {headers.get('Cache-Control')}"
        )


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "FLASK_APP": "app", "FLASK_SECRET_KEY": "bench-only", "FLASK_RATELIMIT_ENABLED": "false"}
        env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
        subprocess.run([BIN / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        print(
            f"{ROOT.name}: gunicorn, {WORKERS} workers, wrk {CONNECTIONS} connections x {DURATION}s x {ROUNDS} rounds"
        )
        startup(env, workdir)
        app_port, hello_port = free_port(), free_port()
        server, yardstick = gunicorn(ROOT, "app:app", app_port, env), gunicorn(HERE, "hello:app", hello_port, env)
        try:
            base, hello = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{hello_port}/"
            wait_until_up(base + "/", server), wait_until_up(hello, yardstick)
            browser = Browser(base)
            token, _ = answered_assessment(browser, ["iso9001-2015"])
            three, _ = answered_assessment(browser, INTEGRATED_3)
            six, _ = answered_assessment(browser, INTEGRATED_6)
            throughput(
                [
                    ("home", f"{base}/", None, ""),
                    ("question page (ISO 9001 section 8, 37 q.)", f"{base}/a/{token}/s/8", None, ">= 15%"),
                    (
                        "save section 8 (POST, 37 rows written)",
                        f"{base}/a/{token}/s/8",
                        post_script(workdir, browser, token, "8"),
                        "",
                    ),
                    ("results (ISO 9001)", f"{base}/a/{token}/results", None, ">= 10%"),
                    ("integrated results (3 standards)", f"{base}/a/{three}/results", None, ">= 5%"),
                    ("integrated results (6 standards)", f"{base}/a/{six}/results", None, ""),
                    ("learn clause page", f"{base}/learn/iso9001-2015/8.5.1", None, ""),
                ],
                hello,
                server,
                yardstick,
            )
            page_weight(base, token, browser)
            print(f"worker memory (RSS MiB): {rss_mib(server)}")
        finally:
            stop(server)
            stop(yardstick)


if __name__ == "__main__":
    main()
