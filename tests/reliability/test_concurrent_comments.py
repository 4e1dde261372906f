"""20 readers post 500 comments at once: every acknowledged comment is stored exactly once."""

import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from .helpers import Reader, comment_action, query

CLIENTS = 20
COMMENTS = 500
RECEIVED = "Votre commentaire a bien été reçu"


def _reader_posts(base_url, article_url, count, run_id, client_no, deadline):
    """One reader: open the article, get a CSRF token, post `count` comments; return outcomes."""
    reader = Reader(base_url, timeout=20)
    page = reader.get(article_url)
    assert page.status == 200, page.status
    token = reader.csrf_token(page)
    action = comment_action(page.text)
    outcomes = []
    for n in range(count):
        if time.monotonic() > deadline:
            break
        marker = f"rel-{run_id}-{client_no:02d}-{n:03d}"
        answer = reader.post(
            action,
            {
                "csrfmiddlewaretoken": token,
                "body": f"Commentaire de charge {marker}, merci pour l’article.",
                "author_name": f"Lecteur {client_no}",
                "author_email": f"lecteur{client_no}@example.org",
                "captcha": "token-from-google",
                "website": "",
            },
        )
        shown = None
        location = answer.header("Location")
        if answer.status == 302 and location.startswith(article_url):
            # POST/redirect/GET: the reader sees the confirmation on the article.
            shown = reader.get(location.split("#")[0])
        outcomes.append((marker, answer.status, location, shown))
    return outcomes


def test_concurrent_comments_are_stored_exactly_once(live_database, seeded_template, start_app):
    server = start_app(DATABASE_URL=live_database, WEB_CONCURRENCY=3)
    run_id = uuid.uuid4().hex[:8]
    per_client = COMMENTS // CLIENTS
    deadline = time.monotonic() + 120
    started = threading.Barrier(CLIENTS)

    def run(client_no):
        started.wait(timeout=30)
        return _reader_posts(
            server.base_url,
            seeded_template["article_url"],
            per_client,
            run_id,
            client_no,
            deadline,
        )

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = [outcome for chunk in pool.map(run, range(CLIENTS)) for outcome in chunk]

    assert len(results) == COMMENTS, "the load did not finish in time"
    errors = [(m, status) for m, status, _, _ in results if status >= 500]
    assert not errors, f"server errors: {errors[:5]}"
    acknowledged = {}
    for marker, status, location, shown in results:
        assert status == 302, f"{marker} answered {status}"
        assert re.search(r"#commentaire-\d+$", location), location
        assert shown.status == 200 and RECEIVED in shown.text, f"{marker}: no confirmation"
        acknowledged[marker] = int(location.rsplit("-", 1)[1])

    rows = query(
        live_database,
        "SELECT id, substring(body from 'rel-[0-9a-f]+-[0-9]+-[0-9]+') FROM comments_comment "
        "WHERE body LIKE %s",
        (f"%rel-{run_id}-%",),
    )
    stored = {}
    for pk, marker in rows:
        stored.setdefault(marker, []).append(pk)
    duplicated = {m: pks for m, pks in stored.items() if len(pks) > 1}
    assert not duplicated, f"stored twice: {list(duplicated.items())[:5]}"
    lost = set(acknowledged) - set(stored)
    assert not lost, f"acknowledged but not stored: {sorted(lost)[:5]}"
    # The redirect points at the very row that holds the text.
    assert {m: pks[0] for m, pks in stored.items()} == acknowledged
    assert len(rows) == COMMENTS
