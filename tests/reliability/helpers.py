"""Processes and HTTP clients for the reliability tests: gunicorn, PostgreSQL, Redis, readers."""

import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib import error, parse, request

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port():
    """Return a TCP port nobody listens on right now (loopback only)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def log_tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- HTTP ------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    text: str
    elapsed: float
    url: str = ""

    def header(self, name):
        return self.headers.get(name.lower(), "")


class _NoRedirect(request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at the 302 itself


class Reader:
    """One browser: its own cookie jar, no redirect followed, every request bounded in time."""

    def __init__(self, base_url, *, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.opener = request.build_opener(request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def url(self, path):
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def request(self, method, path, data=None, headers=None):
        body = None
        if data is not None:
            body = parse.urlencode(data, doseq=True).encode()
        req = request.Request(self.url(path), data=body, method=method, headers=headers or {})
        if body is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        start = time.monotonic()
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                status, raw, hdrs = resp.status, resp.read(), resp.headers
        except error.HTTPError as exc:
            status, raw, hdrs = exc.code, exc.read(), exc.headers
        elapsed = time.monotonic() - start
        headers = {k.lower(): v for k, v in hdrs.items()}
        return Response(status, headers, raw.decode("utf-8", "replace"), elapsed, self.url(path))

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        headers = {"Referer": self.url(path), "Origin": self.base_url}
        return self.request("POST", path, data=data, headers=headers, **kwargs)

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def csrf_token(self, page):
        """Return the CSRF token for the form on `page`: in the HTML, or from the token endpoint.

        A page served from the shared cache carries no token of its own; the comment
        form then names an endpoint (data-csrf-url) that comments.js asks for one.
        """
        endpoint = re.search(r'data-csrf-url="([^"]+)"', page.text)
        if endpoint:
            answer = self.get(html.unescape(endpoint.group(1)))
            assert answer.status == 200, f"token endpoint answered {answer.status}"
            return json.loads(answer.text)["csrfToken"]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if found:
            return found.group(1)
        cookie = self.cookie("csrftoken")
        assert cookie, "no CSRF token in the page, no endpoint, no cookie"
        return cookie


def comment_action(page_text):
    """Return the comment form's action URL on an article page."""
    found = re.search(r'<form[^>]*action="([^"]+)"[^>]*data-comment-form', page_text)
    assert found, "no comment form on the article page"
    return html.unescape(found.group(1))


class _FormParser(HTMLParser):
    """Collect what a browser would submit for one <form>: inputs, checked boxes, selections."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that follows <textarea>.
            name, value = self._textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None


def form_fields(page_text, form_id):
    """Return the (name, value) pairs the form `form_id` on the page would submit."""
    parser = _FormParser(form_id)
    parser.feed(page_text)
    assert parser.fields, f"form #{form_id} not found or empty"
    return parser.fields


def query(database_url, sql, params=()):
    """Run one query on a live server's database (not the test database); return the rows."""
    import psycopg2

    conn = psycopg2.connect(database_url, connect_timeout=5)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        conn.close()


# --- Processes ------------------------------------------------------------------------


def stop_process(proc, *, grace=10):
    """Stop a process we started (its own process group): TERM, then KILL after `grace` s."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


def child_pids(pid):
    """Return the pids whose parent is `pid` (gunicorn's workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Field 4 is the parent pid; the command name (field 2) may hold spaces.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


@dataclass
class Gunicorn:
    """The production WSGI app under gunicorn on the loopback, for one test."""

    env: dict
    log_path: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def base_url(self):
        return f"http://{HOST}:{self.port}"

    def start(self, *, ready_within=30):
        command = [
            str(VENV_BIN / "gunicorn"),
            "--config",
            str(REPO / "gunicorn.conf.py"),
            # Command-line options win over the config file: loopback only.
            "--bind",
            f"{HOST}:{self.port}",
            "tests.reliability.wsgi_under_test:application",
        ]
        self.log = open(self.log_path, "ab")  # closed in stop()
        self.proc = subprocess.Popen(
            command,
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready(ready_within)
        return self

    def wait_ready(self, seconds):
        reader = Reader(self.base_url, timeout=3)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{log_tail(self.log_path)}")
            try:
                if reader.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready in {seconds} s:\n{log_tail(self.log_path)}")

    def workers(self):
        return child_pids(self.proc.pid)

    def stop(self):
        stop_process(self.proc)
        if getattr(self, "log", None):
            self.log.close()


@dataclass
class Redis:
    """A private, memory-only redis-server on the loopback."""

    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                HOST,
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        stop_process(self.proc, grace=5)


def pg_bin_dir():
    """Return the newest PostgreSQL server binaries folder (Debian layout), or None."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True
    )
    return next((p for p in candidates if (p / "initdb").exists()), None)


@dataclass
class PrivateCluster:
    """A throw-away PostgreSQL cluster on its own port, run as the `postgres` user."""

    datadir: Path
    port: int = field(default_factory=free_port)

    def _run(self, *args, timeout=60):
        command = [str(pg_bin_dir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, timeout=timeout, text=True)

    @property
    def url_base(self):
        return f"postgres://postgres@{HOST}:{self.port}"

    def init(self):
        self.datadir.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.datadir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        return self

    def start(self):
        options = (
            f"-c port={self.port} -c listen_addresses={HOST} "
            f"-c unix_socket_directories={self.datadir}"
        )
        log = self.datadir / "server.log"
        self._run("pg_ctl", "-D", str(self.datadir), "-o", options, "-l", str(log), "-w", "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop")

    def is_running(self):
        return (self.datadir / "postmaster.pid").exists()

    def destroy(self):
        if self.is_running():
            try:
                self.stop("immediate")
            except subprocess.SubprocessError:
                pass
        shutil.rmtree(self.datadir, ignore_errors=True)
