"""Redis goes away: pages still render from the database and comments still post, quickly."""

import os
import signal
import time
import uuid

import pytest

from .helpers import Reader, comment_action, query

# Stopped: every call is refused at once. Frozen: a call waits SOCKET_TIMEOUT (1 s), then the
# circuit breaker (newsportal.cachebreaker) skips Redis; without it a page took ~30 s.
MAX_SECONDS = {"stopped": 1.5, "frozen": 2.5}


def _post_comment(reader, article_url, marker):
    page = reader.get(article_url)
    assert page.status == 200, page.status
    answer = reader.post(
        comment_action(page.text),
        {
            "csrfmiddlewaretoken": reader.csrf_token(page),
            "body": f"Un avis pendant la panne {marker}.",
            "author_name": "Awa",
            "author_email": "awa@example.org",
            "captcha": "token-from-google",
        },
    )
    return answer


@pytest.mark.parametrize("failure", ["stopped", "frozen"])
def test_pages_and_comments_survive_a_cache_outage(
    failure, live_database, seeded_template, start_app, redis_server
):
    server = start_app(
        DATABASE_URL=live_database, REDIS_URL=redis_server.url, CACHE_BREAKER_SECONDS=1
    )
    pages = [
        "/",
        seeded_template["article_url"],
        seeded_template["category_url"],
        "/recherche/?q=budget",
    ]
    reader = Reader(server.base_url, timeout=20)
    run_id = uuid.uuid4().hex[:8]
    for path in pages * 2:  # the second round may come from the cache
        assert reader.get(path).status == 200, path
    assert (
        _post_comment(Reader(server.base_url), seeded_template["article_url"], run_id).status == 302
    )

    if failure == "stopped":
        redis_server.stop()
    else:
        # A Redis that accepts connections but never answers (overloaded, swapping).
        os.kill(redis_server.proc.pid, signal.SIGSTOP)
    try:
        for path in pages:
            answer = Reader(server.base_url, timeout=20).get(path)
            assert answer.status == 200, (path, answer.status)
            assert "Le budget 2027 adopté" in answer.text or path == "/recherche/?q=budget"
            assert answer.elapsed < MAX_SECONDS[failure], (path, answer.elapsed)
        markers = [f"{run_id}-{n}" for n in range(3)]
        for marker in markers:
            posted = _post_comment(
                Reader(server.base_url, timeout=20), seeded_template["article_url"], marker
            )
            assert posted.status == 302, posted.status
            assert posted.elapsed < MAX_SECONDS[failure], posted.elapsed
        assert reader.get("/healthz").status == 200
    finally:
        if failure == "frozen":
            os.kill(redis_server.proc.pid, signal.SIGCONT)

    # Redis is back: after CACHE_BREAKER_SECONDS each process uses it again.
    if failure == "stopped":
        redis_server.start()  # same port, empty; the fixture stops it
    hits = []
    for _ in range(20):
        time.sleep(0.25)
        answer = Reader(server.base_url).get(seeded_template["article_url"])
        assert answer.status == 200
        hits.append(answer.header("X-Cache"))
        if hits[-2:] == ["HIT", "HIT"] or not answer.header("X-Cache"):
            break
    assert not hits[-1] or hits[-2:] == ["HIT", "HIT"], f"the cache is not used again: {hits}"

    rows = query(
        live_database, "SELECT body FROM comments_comment WHERE body LIKE %s", (f"%{run_id}%",)
    )
    assert len(rows) == 4
