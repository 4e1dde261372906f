"""Turn the benchmark's raw outputs (bench/out/run/) into bench/RESULTS.md.

`--slowest` prints the name of the slowest scenario at 16 connections (to profile it).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_SAMPLES = 20  # fewer requests in a whole measurement: no meaningful p99, and far too slow
BUDGETS = {  # issue 6: queries per uncached page
    "article": 8,
    "home": 10,
    "category-p1": 6,
    "category-p500": 6,
    "search-common": 5,
    "search-rare": 5,
}


def load(out):
    runs = {}
    for path in sorted(out.glob("wrk-*.json")):
        data = json.loads(path.read_text())
        runs[data["label"]] = data
    # The full pass (sync, gunicorn's default) first, then the short ones.
    return dict(sorted(runs.items(), key=lambda item: item[0] != "sync"))


def find(data, name, connections):
    for run in data["runs"]:
        if run["name"] == name and run["connections"] == connections:
            return run
    return None


def errors(run):
    return sum(run[k] for k in ("connect", "read", "write", "timeout"))


def slowest(runs):
    """Return the scenario with the fewest requests a second at its lowest concurrency."""
    sync = runs.get("sync") or next(iter(runs.values()))
    first = {}
    for run in sync["runs"]:
        first.setdefault(run["name"], run)
    return min(first.values(), key=lambda r: r["rps"])["name"]


def command(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return "?"


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    pg = command("psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SHOW server_version")
    redis = command("redis-cli", "INFO", "server")
    redis = next(
        (x.split(":")[1] for x in redis.splitlines() if x.startswith("redis_version")), "?"
    )
    wrk = command("sh", "-c", "wrk -v 2>&1 | head -1")
    pg_settings = command(
        "psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
        "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) "
        "FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', "
        "'effective_cache_size', 'max_parallel_workers_per_gather', 'random_page_cost')",
    )  # fmt: skip
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (`nproc`); memory {int(mem) // 1024} MB",
        f"- Kernel {platform.release()}; Python {platform.python_version()}; "
        f"Django {version('django')}; gunicorn {version('gunicorn')}; "
        f"psycopg2 {version('psycopg2-binary')}; django-redis {version('django-redis')}",
        f"- PostgreSQL {pg.split()[0] if pg else '?'}; Redis {redis}; {wrk.split(' [')[0]}",
        f"- PostgreSQL settings (untuned): {pg_settings}",
        "- Client and server on the same 2 cores (wrk with 2 threads takes a share of the CPU); "
        "*load* in the tables is the 1-minute load average at the end of each measurement "
        "(above ~2.5, other work shared the cores).",
    ]


def fmt_ms(us):
    return f"{us / 1000:.1f}"


def latency(run, key):
    """A percentile in ms, or a dash when no request finished within the measurement."""
    return fmt_ms(run[key]) if run["requests"] else "—"


def verdict(ok):
    return "**PASS**" if ok else "**MISS**"


def targets(runs, pages, cache):
    """Return the issue's targets as table rows: (target, measured, verdict, note)."""
    sync = runs["sync"]
    rows = []
    no_cache = (
        ""
        if "article" in cache.get("cached_pages", [])
        else "the article page was not served from a page cache in this run"
    )
    for conns in (16, 64):
        floor = find(sync, "floor", conns)
        cached = find(sync, "article-cached", conns)
        if floor and cached:
            ratio = cached["rps"] / floor["rps"]
            rows.append(
                (
                    f"cached article ≥ 70 % of the floor (c={conns})",
                    f"{cached['rps']:.0f} / {floor['rps']:.0f} req/s = {ratio:.1%}",
                    verdict(ratio >= 0.70),
                    no_cache,
                )
            )
    for conns in (16, 64):
        floor = find(sync, "floor", conns)
        uncached = find(sync, "article-uncached", conns)
        if floor and uncached:
            ratio = uncached["rps"] / floor["rps"]
            rows.append(
                (
                    f"uncached article ≥ 25 % of the floor (c={conns})",
                    f"{uncached['rps']:.0f} / {floor['rps']:.0f} req/s = {ratio:.1%}",
                    verdict(ratio >= 0.25),
                    "",
                )
            )
    u32 = find(sync, "article-uncached", 32)
    if u32:
        rows.append(
            (
                "uncached article with 50 comments ≥ 200 req/s at c=32",
                f"{u32['rps']:.0f} req/s",
                verdict(u32["rps"] >= 200),
                "",
            )
        )
    u16 = find(sync, "article-uncached", 16)
    if u16:
        rows.append(
            (
                "uncached article p99 < 100 ms at c=16",
                f"{latency(u16, 'p99_us')} ms (n = {u16['requests']})",
                verdict(u16["requests"] >= MIN_SAMPLES and u16["p99_us"] < 100_000),
                "",
            )
        )
    for name in ("search-common", "search-rare"):
        run = find(sync, name, 16)
        if run:
            rows.append(
                (
                    f"search p99 < 300 ms at c=16 (`{pages[name]['word']}`)",
                    f"{latency(run, 'p99_us')} ms (n = {run['requests']})",
                    verdict(run["requests"] >= MIN_SAMPLES and run["p99_us"] < 300_000),
                    "",
                )
            )
    bad = [
        f"{label} {r['name']} c={r['connections']}: {errors(r)} errors "
        f"({r['timeout']} over wrk's 10 s timeout), {r['status']} non-2xx/3xx"
        for label, data in runs.items()
        for r in data["runs"]
        if errors(r) or r["status"]
    ]
    rows.append(
        (
            "zero errors and zero non-2xx/3xx",
            "none" if not bad else "; ".join(bad),
            verdict(not bad),
            "",
        )
    )
    for label, data in runs.items():
        rss = data.get("rss_mb") or [0]
        readers = data.get("rss_readers_mb")
        rows.append(
            (
                f"worker RSS < 200 MB after the run ({label})",
                " / ".join(f"{x:.0f}" for x in rss) + " MB",
                verdict(max(rss) < 200),
                "before the POST and admin runs: " + " / ".join(f"{x:.0f}" for x in readers) + " MB"
                if readers
                else "",
            )
        )
    for name in ("admin-articles", "admin-comments"):
        page = pages[name]
        run = next((r for r in sync["runs"] if r["name"] == name), None)
        rows.append(
            (
                f"admin changelist < 500 ms (`{page['url']}`, one request)",
                f"{page['ms']:.0f} ms alone; p50 {latency(run, 'p50_us')} ms at "
                f"c={run['connections']}"
                if run
                else f"{page['ms']:.0f} ms alone",
                verdict(page["ms"] < 500),
                "in-process time of a single request (bench/inspect_pages.py)",
            )
        )
    for name, budget in BUDGETS.items():
        page = pages[name]
        rows.append(
            (
                f"queries ≤ {budget}: {name} (uncached)",
                str(page["queries"]),
                verdict(page["queries"] <= budget),
                "",
            )
        )
    return rows


def scenario_table(data, pages):
    lines = [
        "| scenario | URL | conns | req/s | p50 ms | p99 ms | max ms | errors | non-2xx/3xx "
        "| queries | load |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for run in data["runs"]:
        page = pages[run["page"]]
        if run["mode"] == "plain" and "queries_again" in page:
            queries = page["queries_again"]
        else:
            queries = page["queries"]
        url = f"`{page['url']}`" if run["mode"] != "random" else "`/article/…` (500 different)"
        if run["mode"] in ("bust", "random"):
            url += " + unique `r=`"
        lines.append(
            f"| {run['name']} | {url} | {run['connections']} | {run['rps']:.1f} | "
            f"{latency(run, 'p50_us')} | {latency(run, 'p99_us')} | {latency(run, 'max_us')} | "
            f"{errors(run)} | {run['status']} | {queries} | {run.get('load1', '')} |"
        )
    return lines


def results(out, path):
    runs = load(out)
    info = json.loads((out / "pages.json").read_text())
    pages, cache, prepare = info["pages"], info["page_cache"], info["prepare"]
    sync = runs["sync"]
    seed_file = out / "seed_seconds"
    seed_seconds = seed_file.read_text().strip() if seed_file.exists() else "?"
    # Written by run.sh when the measurements start: the code may change while it runs.
    run_info = out / "run_info"
    started = run_info.read_text().strip() if run_info.exists() else "?"
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Run by `make bench` (bench/run.sh): {started}; report written {now}. "
        "Re-run it to refresh this file; "
        "raw wrk outputs are in `bench/out/run/` (git-ignored), query plans in "
        "[EXPLAIN.md](EXPLAIN.md).",
        "",
        "## Machine and versions",
        "",
        *machine(),
        "",
        "## Set-up",
        "",
        f"- Database `newsportal_bench`: {prepare.get('articles')} articles "
        f"(`seed_demo`), {prepare.get('categories')} categories on two levels, "
        f"{prepare.get('tags')} tags, {prepare.get('comments'):,} comments (93 % approved, "
        "skewed towards recent articles); the measured article has exactly 50 approved "
        f"comments (`{pages['article']['url']}`). Database step of this run: {seed_seconds} s "
        "(seeding from scratch takes a few minutes; an already seeded database is reused).",
        "- gunicorn with `gunicorn.conf.py`, `newsportal.settings.prod` (through "
        "`bench.settings`, which only adds the floor URL), DEBUG off, whitenoise, "
        "Redis cache (db 14, flushed before each server start), "
        f"{os.environ.get('WEB_CONCURRENCY', '3')} workers, loopback only, "
        "no access log, reCAPTCHA answered locally (bench/bench_wsgi.py), comment rate "
        "limit off (`COMMENTS_RATE_LIMIT=0`), worker recycling off "
        "(`GUNICORN_MAX_REQUESTS` very high).",
        f"- wrk: {sync['duration']} s per measurement after a 2 s warm-up, 2 threads, "
        "`--latency`. *Uncached* = a unique `r=` query string per request; *cached* = the "
        "plain URL again and again.",
        f"- Page cache: **{'present' if cache['present'] else 'absent'}**; "
        + (
            "pages served from it on a second cookie-less request: "
            + ", ".join(cache["cached_pages"])
            + "; a unique query string "
            + ("bypasses" if cache["bust_works"] else "does **not** bypass")
            + " it (such a request reaches the database)."
            if cache["present"]
            else "every request in this run rendered its page."
        ),
        "",
        "## Targets (issue 6), computed from this run",
        "",
        "| target | measured | verdict | note |",
        "|---|---|---|---|",
    ]
    for row in targets(runs, pages, cache):
        lines.append("| " + " | ".join(row) + " |")
    for label, data in runs.items():
        lines += [
            "",
            f"## Measurements: {data.get('workers', '?')} {label} workers"
            + (f" × {data['threads']} threads" if data.get("threads", 1) > 1 else ""),
            "",
            *scenario_table(data, pages),
            "",
            f"Worker RSS after the run: {', '.join(f'{x:.0f} MB' for x in data['rss_mb'])}.",
        ]
    lines += [
        "",
        "## Queries per page and single-request time (in-process, bench/inspect_pages.py)",
        "",
        "| page | URL | status | queries (cold) | ms (cold) | queries (again) | "
        "queries (unique `r=`) | bytes |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, page in pages.items():
        lines.append(
            f"| {name} | `{page['url']}` | {page['status']} | {page['queries']} | "
            f"{page['ms']:.0f} | {page.get('queries_again', '')} | "
            f"{page.get('queries_busted', '')} | {page['bytes']} |"
        )
    profile = out / "profile.txt"
    if profile.exists():
        lines += [
            "",
            "## Profiles: the slowest page and the uncached article (cProfile, text)",
            "",
            "```",
            profile.read_text().rstrip(),
            "```",
        ]
    analysis = HERE / "ANALYSIS.md"
    if analysis.exists():
        lines += ["", analysis.read_text().rstrip()]
    path.write_text("\n".join(lines) + "\n")
    # The console gets the set-up and the verdicts; the tables are in the file.
    end = next((i for i, line in enumerate(lines) if line.startswith("## Measurements")), 40)
    sys.stdout.write("\n".join(lines[:end]) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--results", type=Path)
    parser.add_argument("--slowest", action="store_true")
    args = parser.parse_args()
    if args.slowest:
        sys.stdout.write(slowest(load(args.out)) + "\n")
    else:
        results(args.out, args.results)


if __name__ == "__main__":
    main()
