"""Fixtures that start real processes (gunicorn, PostgreSQL, Redis) and always stop them."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .helpers import REPO, Gunicorn, PrivateCluster, Redis, log_tail, pg_bin_dir

SECRET_KEY = "reliability-tests-only-0123456789-abcdefghijklmnopqrstuvwxyz"
# Variables of the caller's environment that must not leak into the servers.
CLEARED = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "DEBUG",
    "CACHE_KEY_PREFIX",
    "MEDIA_STORAGE",
    "ADMIN_URL",
)


def _main_database_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"} else ""


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(url):
    import psycopg2

    connection = psycopg2.connect(_with_database(url, "postgres"), connect_timeout=5)
    connection.autocommit = True
    return connection


def create_database(url, name, *, template=None):
    """Create database `name` on the server of `url` (dropping an older one); return its URL."""
    conn = _admin_connection(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            template_clause = f' TEMPLATE "{template}"' if template else ""
            cursor.execute(f'CREATE DATABASE "{name}"{template_clause}')
    finally:
        conn.close()
    return _with_database(url, name)


def drop_database(url, name):
    conn = _admin_connection(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()


@pytest.fixture(scope="session")
def _run_dir():
    path = Path(tempfile.mkdtemp(prefix="np-reliability-"))
    (path / "static").mkdir()
    (path / "media").mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def base_env(_run_dir):
    """Production settings made to run over plain HTTP on the loopback."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings.prod",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        BEHIND_PROXY="0",
        # Dummy keys: wsgi_under_test answers for Google.
        RECAPTCHA_PUBLIC_KEY="reliability-public-key",
        RECAPTCHA_PRIVATE_KEY="reliability-private-key",
        # One address (127.0.0.1) for every client: the per-IP limit (5) would answer 429.
        # Raised, not switched off, so that the counting still runs under load.
        COMMENTS_RATE_LIMIT="1000000",
        DB_CONNECT_TIMEOUT="2",
        VAR_DIR=str(_run_dir),
        MEDIA_ROOT=str(_run_dir / "media"),
        STATIC_ROOT=str(_run_dir / "static"),
        LOG_REQUESTS="0",
        LOG_LEVEL="WARNING",
        GUNICORN_LOG_LEVEL="warning",
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(REPO),
    )
    return env


@pytest.fixture(scope="session")
def main_postgres():
    """The PostgreSQL server of DATABASE_URL; the live-server tests need it."""
    url = _main_database_url()
    if not url:
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")
    return url


@pytest.fixture(scope="session")
def seeded_template(main_postgres, base_env):
    """A migrated, seeded database used as the template of each live database."""
    name = f"{urlsplit(main_postgres).path.lstrip('/')}_rel_tpl"
    url = create_database(main_postgres, name)
    env = {**base_env, "DATABASE_URL": url}
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "--skip-checks"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        seeded = subprocess.run(
            [sys.executable, "-m", "tests.reliability.seed"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.CalledProcessError as exc:
        drop_database(main_postgres, name)
        pytest.fail(f"could not prepare the template database:\n{exc.stderr}")
    info = json.loads(seeded.stdout.strip().splitlines()[-1])
    yield {"name": name, "url": url, **info}
    drop_database(main_postgres, name)


@pytest.fixture
def live_database(main_postgres, seeded_template, request):
    """A copy of the seeded template for this test; dropped afterwards."""
    test = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")[-40:]
    name = f"{seeded_template['name'][: -len('_tpl')]}_{test}"
    url = create_database(main_postgres, name, template=seeded_template["name"])
    yield url
    drop_database(main_postgres, name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Lets the fixtures below show the servers' logs when the test failed.
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def start_app(base_env, tmp_path, request):
    """Start gunicorn instances (`start_app(DATABASE_URL=…)`); all are stopped at teardown."""
    servers = []

    def start(**env):
        server = Gunicorn(
            env={**base_env, **{k: str(v) for k, v in env.items()}},
            log_path=tmp_path / f"gunicorn-{len(servers)}.log",
        )
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
    failed = getattr(request.node, "report_call", None) is None or request.node.report_call.failed
    if failed or os.environ.get("RELIABILITY_SHOW_LOGS"):
        for server in servers:
            print(f"--- gunicorn on port {server.port} ---\n{log_tail(server.log_path, 60)}")  # noqa: T201


@pytest.fixture
def redis_server(tmp_path):
    """A private redis-server on a free port, memory only."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = Redis(workdir=tmp_path)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def private_cluster(main_postgres):
    """A PostgreSQL cluster of our own on a free port, that the test may stop and start."""
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser is needed to run a private cluster as postgres")
    datadir = Path(tempfile.mkdtemp(prefix="np-rel-pg-")) / "data"
    if os.geteuid() == 0:
        shutil.chown(datadir.parent, "postgres", "postgres")
    cluster = PrivateCluster(datadir=datadir)
    try:
        cluster.init().start()
        yield cluster
    finally:
        cluster.destroy()
        shutil.rmtree(datadir.parent, ignore_errors=True)
