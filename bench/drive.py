"""Run the wrk measurements against a running gunicorn and save the numbers as JSON.

Reads the pages found by bench/inspect_pages.py. Uncached pages are requested with a
unique `r=` query string per request (bench/wrk/*.lua), cached ones with the plain URL;
the comment POST sends a different text each time with a CSRF cookie and token fetched
once beforehand; the admin pages send a logged-in session cookie.
"""

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = HERE / "wrk"
QUICK = os.environ.get("BENCH_QUICK") == "1"
DURATION = int(os.environ.get("BENCH_DURATION", "5" if QUICK else "15"))
THREADS = 2
ADMIN_USERNAME = "bench-admin"
POST_EMAIL = "bench-post@example.org"
DRAIN_TIMEOUT = 300
# A page slower than this alone (bench/inspect_pages.py) is measured with one connection
# per worker only: 16 or 64 would queue minutes of work and measure nothing more.
SLOW_PAGE_MS = 3000
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Measured after these, the workers' memory is also noted before them (reader pages only).
STAFF_SCENARIOS = ("comment-post", "admin-articles", "admin-comments")

# name, page, mode, connections, part of the short pass (second worker class)
SCENARIOS = [
    ("floor", "floor", "plain", [16, 64], True),
    ("article-uncached", "article", "bust", [16, 32, 64], True),
    ("article-cached", "article", "plain", [16, 32, 64], True),
    ("articles-random-uncached", "article", "random", [16], False),
    ("home-uncached", "home", "bust", [16, 64], False),
    ("home-cached", "home", "plain", [16, 64], False),
    ("category-p1-uncached", "category-p1", "bust", [16, 64], False),
    ("category-p1-cached", "category-p1", "plain", [16], False),
    ("category-p500-uncached", "category-p500", "bust", [16, 64], False),
    ("category-p500-cached", "category-p500", "plain", [16], False),
    ("search-common", "search-common", "bust", [16, 64], True),
    ("search-rare", "search-rare", "bust", [16, 64], False),
    ("comment-post", "comment-post", "post", [16, 64], False),
    ("admin-articles", "admin-articles", "session", [16, 64], False),
    ("admin-comments", "admin-comments", "session", [16, 64], False),
]


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def opener():
    jar = http.cookiejar.CookieJar()
    return jar, urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def csrf_pair(base, path):
    """GET a form page with a fresh cookie jar; return (cookie secret, form token, jar, opener)."""
    jar, browser = opener()
    html = browser.open(base + path, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token, jar, browser


def admin_cookie(base, admin_path):
    """Log in to the admin like a browser; return the Cookie header."""
    path = f"{admin_path}login/"
    cookie, token, jar, browser = csrf_pair(base, path)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": ADMIN_USERNAME,
            "password": os.environ["BENCH_ADMIN_PASSWORD"],
            "next": admin_path,
        }
    ).encode()
    browser.open(urllib.request.Request(base + path, data=data), timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("bench: admin login failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def script(mode, url, context):
    """Write the Lua script for one scenario; return its path."""
    sep = "&" if "?" in url else "?"
    head = [f"local path = {lua_string(url)}", f"local sep = {lua_string(sep)}"]
    if mode == "random":
        paths = ", ".join(lua_string(p) for p in context["random_articles"])
        head.append(f"local paths = {{{paths}}}")
    if mode == "post":
        head.append(f"local cookie = {lua_string('csrftoken=' + context['csrf_cookie'])}")
        head.append(f"local token = {lua_string(context['csrf_token'])}")
        head.append(f"local email = {lua_string(urllib.parse.quote(POST_EMAIL))}")
    if mode == "session":
        head.append(f"local cookie = {lua_string(context['admin_cookie'])}")
    body = (LUA / f"{mode}.lua").read_text()
    out = Path(context["out_dir"]) / f"{mode}-{abs(hash(url)) % 10**8}.lua"
    out.write_text("\n".join(head) + "\n" + (LUA / "common.lua").read_text() + body)
    return out


def wrk(base, lua, connections, duration):
    """Run wrk; return its summary (from common.lua's done()) and its text output."""
    command = [
        "wrk",
        f"-t{min(THREADS, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(lua),
        base,
        "--",
        uuid.uuid4().hex[:8],  # the run's nonce (wrk/common.lua)
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    line = next((x for x in run.stdout.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise SystemExit(f"bench: wrk failed: {run.stdout}\n{run.stderr}")
    summary = json.loads(line.removeprefix("BENCHJSON "))
    summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
    return summary, run.stdout


def drain(base):
    """Wait until the server answers /healthz again; return the seconds it took.

    Requests wrk left queued when it stopped are still served one by one (a slow page at
    64 connections can keep the workers busy for a minute): the next measurement must not
    pay for them.
    """
    started = time.monotonic()
    try:
        urllib.request.urlopen(f"{base}/healthz", timeout=DRAIN_TIMEOUT).read()
    except OSError as exc:
        say(f"  server still busy after {DRAIN_TIMEOUT} s ({exc})")
    return round(time.monotonic() - started, 1)


def worker_rss(master):
    """Return the RSS in MB of each child of the gunicorn master."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout
    return [round(int(x) / 1024, 1) for x in out.split()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pages", required=True)
    parser.add_argument("--master", type=int, required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    info = json.loads(Path(args.pages).read_text())
    pages = info["pages"]
    out_dir = Path(args.out).parent
    admin_path = pages["admin-articles"]["url"].split("articles/")[0]
    cookie, token, _jar, _browser = csrf_pair(args.base, f"{admin_path}login/")
    context = {
        "out_dir": out_dir,
        "random_articles": info["random_articles"],
        "csrf_cookie": cookie,
        "csrf_token": token,
        "admin_cookie": admin_cookie(args.base, admin_path),
    }
    short = args.label != "sync"
    results = {
        "label": args.label,
        "workers": WORKERS,
        "threads": int(os.environ.get("GUNICORN_THREADS", "1")) if short else 1,
        "duration": DURATION,
        "runs": [],
    }
    raw = []
    for name, page_name, mode, connections, in_short in SCENARIOS:
        if short and not in_short:
            continue
        if QUICK or short:
            connections = [c for c in connections if c in (16, 32)] or connections[:1]
        if pages[page_name]["ms"] > SLOW_PAGE_MS:
            connections = [WORKERS]
            say(f"  {name}: {pages[page_name]['ms']:.0f} ms alone: measured at c={WORKERS} only")
        if name in STAFF_SCENARIOS and "rss_readers_mb" not in results:
            results["rss_readers_mb"] = worker_rss(args.master)
        lua = script(mode, pages[page_name]["url"], context)
        # Warm-up: workers' first requests, the page cache, PostgreSQL's buffers.
        wrk(args.base, lua, min(8, connections[0]), 2)
        drain(args.base)
        for conns in connections:
            summary, text = wrk(args.base, lua, conns, DURATION)
            # The machine's load: other work on these 2 cores skews a measurement.
            load = round(os.getloadavg()[0], 1)
            summary.update(
                name=name,
                page=page_name,
                mode=mode,
                connections=conns,
                load1=load,
                drain_s=drain(args.base),
            )
            results["runs"].append(summary)
            raw.append(f"### {name} c={conns}\n{text}")
            errors = sum(summary[k] for k in ("connect", "read", "write", "timeout"))
            say(
                f"  {name:<26} c={conns:<3} {summary['rps']:>8.1f} req/s  "
                f"p50 {summary['p50_us'] / 1000:>7.1f} ms  p99 {summary['p99_us'] / 1000:>7.1f} ms"
                f"  errors {errors}  non-2xx/3xx {summary['status']}  load {load}"
            )
    results["rss_mb"] = worker_rss(args.master)
    say(f"  worker RSS after the run: {results['rss_mb']} MB")
    Path(args.out).write_text(json.dumps(results, indent=1))
    Path(args.out).with_suffix(".txt").write_text("\n".join(raw))


if __name__ == "__main__":
    main()
