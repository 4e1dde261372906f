"""PostgreSQL restarts under load: 503 pages meanwhile, recovery alone, no acknowledged loss."""

import subprocess
import threading
import time
import uuid

from .helpers import Reader, comment_action, pg_bin_dir, query

OUTAGE_SECONDS = 4
MAX_ANSWER_SECONDS = 5  # during the outage too: an answer, not a hang
RECOVERY_SECONDS = 10
UNAVAILABLE = "momentanément indisponible"


def _copy_database(source_url, target_base_url, name):
    """Copy the seeded template into the private cluster (pg_dump | psql, no migrations)."""
    bin_dir = pg_bin_dir()
    target = f"{target_base_url}/{name}"
    subprocess.run(
        [
            str(bin_dir / "psql"),
            "-q",
            f"{target_base_url}/postgres",
            "-c",
            f'CREATE DATABASE "{name}"',
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    dump = subprocess.run(
        [str(bin_dir / "pg_dump"), "--no-owner", source_url],
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(
        [str(bin_dir / "psql"), "-q", "-v", "ON_ERROR_STOP=1", target],
        input=dump.stdout,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return target


class Load(threading.Thread):
    """Page views and comment posts in a loop, each outcome timed; bounded in count and time."""

    def __init__(self, base_url, article_url, run_id, number, *, max_requests=600, seconds=40):
        super().__init__(daemon=True)
        self.reader = Reader(base_url, timeout=15)
        self.article_url = article_url
        self.run_id = run_id
        self.number = number
        self.max_requests = max_requests
        self.deadline = time.monotonic() + seconds
        self.stop_event = threading.Event()
        self.outcomes = []  # (started at, kind, status, seconds, marker, response)

    def record(self, kind, call, marker=None):
        started = time.monotonic()
        try:
            response = call()
            status = response.status
        except OSError as exc:  # a refused or cut connection counts as a failure
            response, status = exc, 0
        self.outcomes.append((started, kind, status, time.monotonic() - started, marker, response))
        return response

    def run(self):
        token = action = None
        for n in range(self.max_requests // 2):
            if self.stop_event.is_set() or time.monotonic() > self.deadline:
                return
            page = self.record("page", lambda: self.reader.get(self.article_url))
            if getattr(page, "status", 0) == 200 and token is None:
                try:
                    token, action = self.reader.csrf_token(page), comment_action(page.text)
                except (AssertionError, OSError, ValueError):
                    token = None  # the outage began in between: try again on the next page
            if token is None:
                time.sleep(0.1)
                continue
            marker = f"restart-{self.run_id}-{self.number}-{n:04d}"
            data = {
                "csrfmiddlewaretoken": token,
                "body": f"Pendant la maintenance {marker}.",
                "author_name": f"Lecteur {self.number}",
                "author_email": f"restart{self.number}@example.org",
                "captcha": "token-from-google",
            }
            self.record("comment", lambda a=action, d=data: self.reader.post(a, d), marker)
            time.sleep(0.02)


def test_database_restart_answers_503_then_recovers(private_cluster, seeded_template, start_app):
    database_url = _copy_database(seeded_template["url"], private_cluster.url_base, "np_live")
    server = start_app(DATABASE_URL=database_url, WEB_CONCURRENCY=2)
    workers_before = server.workers()
    probe = Reader(server.base_url, timeout=MAX_ANSWER_SECONDS + 5)
    run_id = uuid.uuid4().hex[:8]
    loads = [Load(server.base_url, seeded_template["article_url"], run_id, i) for i in range(2)]
    for load in loads:
        load.start()
    try:
        time.sleep(2)
        down_at = time.monotonic()
        private_cluster.stop("fast")
        stopped_at = time.monotonic()
        outage_pages = []
        while time.monotonic() < stopped_at + OUTAGE_SECONDS:
            # A query string of its own: never in the page cache, so the database is asked.
            fresh = f"{seeded_template['article_url']}?panne={len(outage_pages)}"
            outage_pages.append(probe.get(fresh))
            outage_pages.append(probe.get("/healthz"))
            time.sleep(0.3)
        restart_at = time.monotonic()
        private_cluster.start()
        up_at = time.monotonic()
        recovered_at = None
        while time.monotonic() < up_at + RECOVERY_SECONDS:
            if probe.get("/healthz").status == 200 and probe.get("/").status == 200:
                recovered_at = time.monotonic()
                break
            time.sleep(0.1)
        time.sleep(2)  # load keeps running on the recovered site
    finally:
        for load in loads:
            load.stop_event.set()
        for load in loads:
            load.join(timeout=30)

    assert recovered_at is not None, f"not recovered {RECOVERY_SECONDS} s after the restart"
    print(f"recovered {recovered_at - up_at:.2f} s after PostgreSQL was back")  # noqa: T201
    # Pages during the outage: a French 503 page with Retry-After, quickly.
    article_pages = [r for r in outage_pages if "?panne=" in r.url]
    assert article_pages and all(r.status == 503 for r in article_pages), {
        r.status for r in article_pages
    }
    assert all(UNAVAILABLE in r.text and r.header("Retry-After") for r in article_pages)
    assert all("Traceback" not in r.text for r in article_pages)
    health = [r for r in outage_pages if r.url.endswith("/healthz")]
    assert health and all(r.status == 503 for r in health)
    assert max(r.elapsed for r in outage_pages) < MAX_ANSWER_SECONDS

    outcomes = [o for load in loads for o in load.outcomes]
    assert all(seconds < MAX_ANSWER_SECONDS for *_, seconds, _m, _r in outcomes), max(
        o[3] for o in outcomes
    )
    statuses = {status for _t, _k, status, *_ in outcomes}
    assert statuses <= {200, 302, 503}, statuses
    before = [o for o in outcomes if o[0] + o[3] < down_at]
    after = [o for o in outcomes if o[0] > recovered_at + 0.5]
    assert before and all(o[2] in {200, 302} for o in before), {o[2] for o in before}
    assert after and all(o[2] in {200, 302} for o in after), {o[2] for o in after}
    # A page the cache still holds may be served (200); everything else answers 503.
    during = [o for o in outcomes if stopped_at < o[0] and o[0] + o[3] < restart_at]
    assert during and all(
        o[2] == 503 or (o[2] == 200 and o[5].header("X-Cache") == "HIT") for o in during
    ), [(o[1], o[2], o[5].header("X-Cache")) for o in during if o[2] != 503]
    assert any(o[2] == 503 for o in during if o[1] == "comment")

    # Same workers: the app reconnected by itself (CONN_HEALTH_CHECKS), nobody restarted it.
    assert server.workers() == workers_before
    acknowledged = {o[4] for o in outcomes if o[1] == "comment" and o[2] == 302}
    assert any(o[0] + o[3] < down_at for o in outcomes if o[1] == "comment" and o[2] == 302)
    rows = query(
        database_url,
        "SELECT substring(body from 'restart-[0-9a-f]+-[0-9]+-[0-9]+') FROM comments_comment "
        "WHERE body LIKE %s",
        (f"%restart-{run_id}-%",),
    )
    stored = [marker for (marker,) in rows]
    assert len(stored) == len(set(stored))
    assert acknowledged <= set(stored), sorted(acknowledged - set(stored))[:5]
