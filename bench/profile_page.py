"""Profile one benchmark scenario's page in-process with cProfile; write a text report.

The page is requested the way its wrk scenario requests it (unique `r=` query string for
uncached pages, a logged-in client for the admin, a new text for the comment POST),
through the whole middleware stack of Django's test Client, for a few seconds.
"""

import argparse
import cProfile
import io
import json
import logging
import pstats
import site
import sys
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import captcha  # noqa: E402
from bench.drive import SCENARIOS  # noqa: E402

HOST = {"HTTP_HOST": "127.0.0.1"}
SECONDS = 8


def requester(page, mode):
    client = Client()
    if mode == "session":
        user = get_user_model().objects.get(username="bench-admin")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = page["url"]
    sep = "&" if "?" in url else "?"

    def one(n):
        if mode != "session":
            client.cookies.clear()  # a cookie-less visitor each time, like wrk
        if mode == "post":
            return client.post(
                url,
                {
                    "body": f"Commentaire de profil numéro {n}, merci pour cet article.",
                    "author_name": "Profil",
                    "author_email": "bench-post@example.org",
                    "captcha": "bench-token",
                },
                **HOST,
            )
        return client.get(url if mode in ("plain", "session") else f"{url}{sep}r=prof{n}", **HOST)

    return one


def profile(pages, scenario):
    """Profile one scenario for SECONDS (at least one request); return the text report."""
    name, page_name, mode = next(s[:3] for s in SCENARIOS if s[0] == scenario)
    one = requester(pages[page_name], mode)
    one(-1)  # warm-up: imports, templates, connections
    profiler = cProfile.Profile()
    count = 0
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        profiler.enable()
        while count == 0 or time.perf_counter() - started < SECONDS:
            response = one(count)
            count += 1
        profiler.disable()
    elapsed = time.perf_counter() - started
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    out = io.StringIO()
    out.write(
        f"Scenario {name} ({mode}): {pages[page_name]['url']}\n"
        f"{count} requests in {elapsed:.1f} s in one process under cProfile "
        f"({elapsed / count * 1000:.1f} ms each with the profiler's overhead; last status "
        f"{response.status_code}).\n"
        f"SQL: {len(captured.captured_queries) / count:.1f} queries and "
        f"{sql_ms / count:.1f} ms per request as timed by Django "
        f"({sql_ms / (elapsed * 1000) * 100:.0f} % of the wall time).\n\n"
    )
    stats = pstats.Stats(profiler, stream=out)
    out.write("=== Top 40 by cumulative time ===\n")
    stats.sort_stats("cumulative").print_stats(40)
    out.write("=== Top 25 by own time ===\n")
    stats.sort_stats("tottime").print_stats(25)
    sys.stdout.write(f"  profiled {name}: {count} requests, {elapsed / count * 1000:.1f} ms each\n")
    # Shorter paths: the project's own files and the virtualenv's packages.
    text = out.getvalue().replace(site.getsitepackages()[0] + "/", "")
    return text.replace(str(Path(__file__).resolve().parent.parent) + "/", "")


def main():
    captcha.install()
    logging.getLogger("newsportal.request").setLevel(logging.ERROR)  # no "slow request" lines
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", required=True)
    parser.add_argument("--scenario", required=True, nargs="+")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    pages = json.loads(Path(args.pages).read_text())["pages"]
    reports = [profile(pages, scenario) for scenario in dict.fromkeys(args.scenario)]
    Path(args.out).write_text("\n\n".join(reports))


if __name__ == "__main__":
    main()
