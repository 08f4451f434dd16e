"""Benchmark: storefront pages and the public API at national scale, against production gunicorn.

    .venv/bin/python tests/perf/bench_pages.py                 # 220,000 products, 100,000 producers
    BENCH_SMALL=1 .venv/bin/python tests/perf/bench_pages.py   # 3,000 products (a quick look)
    .venv/bin/python tests/perf/bench_pages.py --products 50000 --producers 20000 --duration 5

On PostgreSQL (``BENCH_DATABASE_URL``, default database ``ovop_scale``, or ``ovop_scale_small``
with BENCH_SMALL) it migrates, builds the scale catalog with ``seed_scale`` when it is missing
(a few minutes the first time), collects static files into a temporary folder and starts
gunicorn as production runs it: DEBUG off, a real secret key, ALLOWED_HOSTS=127.0.0.1, the
Redis cache (``BENCH_REDIS_URL``, default db 8, flushed at the start), WhiteNoise for static
files; only HTTPS redirection is off, for loopback. The app is ``tests/perf/lib/bench_wsgi.py``:
the product plus ``/bench/bare``, a Django view that does nothing, the ceiling for this stack.

Then, for each page, a separate process (``tests/perf/lib/loadgen.py``) runs 8 concurrent
clients over loopback for a warm-up and a measured period, and reports p50, p95 and throughput;
this process counts each page's SQL queries with the test client (cold cache, then warm); and
headless Chromium loads home, listing and a product page at 390×844 and reports the bytes
transferred by type. Figures go beside the DESIGN targets (DESIGN.md, Targets), into
``bench-results.json`` and a table. Not a unit test: it exits 0 (``--strict``: 1 when a target
is missed). Timings are only meaningful on a quiet machine.
"""
import argparse
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PY = sys.executable

# DESIGN.md, Targets: p95 server time in ms by kind of page, query budgets, bare-view ratio.
P95_TARGET_MS = {"product": 30, "listing": 50, "search": 80}
QUERY_BUDGET = {"product": 8, "listing": 10, "search": 10}
CACHED_RATIO_TARGET = 0.5
# Anonymous pages the page cache serves once primed: these are held to half the bare view's throughput.
CACHED_PAGES = ("home", "listing", "filtered listing", "product page", "producer page", "village page",
                "deep page (500)")
FULL_SIZE = (220_000, 100_000)
SMALL_SIZE = (3_000, 1_500)
FIRST_VISITS = 3000  # distinct product and producer pages for the "first visit" figures


def parse_args():
    small = os.environ.get("BENCH_SMALL", "") not in ("", "0")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=(SMALL_SIZE if small else FULL_SIZE)[0])
    parser.add_argument("--producers", type=int, default=(SMALL_SIZE if small else FULL_SIZE)[1])
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/ovop_scale{'_small' if small else ''}"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 4)))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=float(os.environ.get("BENCH_DURATION", 8)))
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--reseed", action="store_true", help="Rebuild the scale catalog first.")
    parser.add_argument("--no-browser", action="store_true", help="Skip the page-weight measurement.")
    parser.add_argument("--output", default=str(ROOT / "bench-results.json"))
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    return parser.parse_args()


# --- the server ----------------------------------------------------------------------------------------

def production_env(args, static_root: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "ovop_market.settings"),
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": "bench",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "PAYMENT_TEST_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": static_root,
        # Renditions are served by the app here so the browser's byte count includes photos;
        # in production a web server or object storage serves the same files.
        "DJANGO_SERVE_MEDIA": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    })
    return env


def manage(env, *arguments, quiet=False) -> None:
    subprocess.run([PY, "manage.py", *arguments], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username,
                             password=parts.password, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            print(f"Creating database {name}…")
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env, workers: int, port: int, log_path: str) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "tests.perf.lib.bench_wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--error-logfile", log_path, "--log-level", "warning",
         "--timeout", "60"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log_path}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


# --- what to ask for ---------------------------------------------------------------------------------------

SEARCHES = {
    "search: accents": "gốm men lam",
    "search: no accents": "gom men lam",
    "search: typo": "celadn bowl",
    "search: Thai": "ผ้าไหม",
    "search: common short": "hand",
}


def choose_pages() -> list[dict]:
    """Each page: name, kind (for targets), paths (several, so caches see realistic variety)."""
    from django.db.models import Count

    from catalog.models import Category, Region
    from catalog.selectors import products_public
    from ovop_market.demo.scale import SLUG_PREFIX
    from sellers.models import Cooperative

    public = products_public().filter(slug__startswith=SLUG_PREFIX)
    # Enough distinct pages that a "first visit" in the measured period really is the first.
    product_slugs = list(public.order_by("?").values_list("slug", flat=True)[:FIRST_VISITS + 20])
    biggest = list(
        public.values("cooperative__slug").annotate(n=Count("id")).order_by("-n")
        .values_list("cooperative__slug", flat=True)[:5]
    )
    producers = biggest + list(
        Cooperative.objects.filter(verification_status=Cooperative.Verification.VERIFIED, slug__startswith=SLUG_PREFIX)
        .order_by("?").values_list("slug", flat=True)[:FIRST_VISITS + 15]
    )
    categories = list(Category.objects.filter(slug__startswith=SLUG_PREFIX, depth=1).values_list("slug", flat=True))
    provinces = list(
        public.values("origin__parent__parent__slug").annotate(n=Count("id")).order_by("-n")
        .values_list("origin__parent__parent__slug", flat=True)[:6]
    )
    villages = list(
        public.values("origin__slug").annotate(n=Count("id")).order_by("-n").values_list("origin__slug", flat=True)[:20]
    )
    economy = Region.objects.filter(slug__startswith=SLUG_PREFIX, depth=0).order_by("pk").values_list("slug", flat=True)
    filtered = []
    for index, category in enumerate(categories):
        params = {"category": category, "sort": ("price", "-price", "newest")[index % 3]}
        if index % 2 == 0:
            params["region"] = provinces[index % len(provinces)]
        if index % 3 == 0:
            params.update({"min_price": "5", "max_price": "60", "availability": "in_stock"})
        if index % 4 == 1:
            params["programme"] = "otop-thailand"
        filtered.append("/products/?" + urlencode(params))

    def search(q):
        return ["/products/?" + urlencode({"q": q})]

    pages = [
        {"name": "bare view", "kind": "bare", "paths": ["/bench/bare"]},
        {"name": "home", "kind": "listing", "paths": ["/"]},
        {"name": "listing", "kind": "listing", "paths": ["/products/", "/products/?page=2", "/products/?sort=price"]},
        {"name": "filtered listing", "kind": "listing", "paths": filtered},
        *({"name": name, "kind": "search", "paths": search(q)} for name, q in SEARCHES.items()),
        # The first 20 paths of a page are primed (cached), so "popular" pages are the cached
        # case and "first visit" the uncached one: thousands of other products and producers.
        {"name": "product page", "kind": "product", "paths": [f"/products/{quote(s)}/" for s in product_slugs[:20]]},
        {"name": "product, first visit", "kind": "product",
         "paths": [f"/products/{quote(s)}/" for s in product_slugs[20:]]},
        {"name": "producer page", "kind": "product", "paths": [f"/producers/{quote(s)}/" for s in producers[:20]]},
        {"name": "producer, first visit", "kind": "product",
         "paths": [f"/producers/{quote(s)}/" for s in producers[20:]]},
        {"name": "village page", "kind": "listing", "paths": [f"/villages/{s}/" for s in villages]},
        {"name": "deep page (500)", "kind": "listing", "paths": ["/products/?page=500"]},
        {"name": "API list", "kind": "listing", "paths": ["/api/products/", "/api/products/?page=2",
                                                           f"/api/products/?region={economy[0]}"]},
        {"name": "API detail", "kind": "product", "paths": [f"/api/products/{quote(s)}/" for s in product_slugs[:20]]},
        # Measured again last: ratios use the mean of both, so a neighbour's burst midway skews them less.
        {"name": "bare view (again)", "kind": "bare", "paths": ["/bench/bare"]},
    ]
    return pages


def count_queries(pages) -> dict:
    """SQL queries per page with the test client: the first request (cold caches) and the next."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for page in pages:
        if page["kind"] == "bare":
            continue
        path = page["paths"][0]
        figures = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code} to the test client")
            figures.append(len(captured))
        counts[page["name"]] = {"cold": figures[0], "warm": figures[1], "budget": QUERY_BUDGET.get(page["kind"])}
    return counts


# --- report ---------------------------------------------------------------------------------------------------

def bare_throughput(results: dict) -> float:
    """The bare view's throughput: the mean of its first and last measurement in this run."""
    runs = [figures["throughput_rps"] for name, figures in results["load"].items() if name.startswith("bare view")]
    return (sum(runs) / len(runs)) or 1


def table(results: dict) -> str:
    bare = bare_throughput(results)
    lines = [
        f"{'page':<22}{'p50 ms':>8}{'p95 ms':>8}{'target':>8}{'req/s':>9}{'× bare':>8}{'queries':>9}{'budget':>8}",
    ]
    for name, figures in results["load"].items():
        kind = results["kinds"][name]
        target = P95_TARGET_MS.get(kind)
        queries = results["queries"].get(name, {})
        if not figures["requests"]:
            lines.append(f"{name:<22}  no request finished in the measured period")
            continue
        lines.append(
            f"{name:<22}{figures['p50_ms']:>8.1f}{figures['p95_ms']:>8.1f}{target or '':>8}"
            f"{figures['throughput_rps']:>9.1f}{figures['throughput_rps'] / bare:>8.2f}"
            f"{queries.get('cold', ''):>6}/{queries.get('warm', '')!s:<2}{queries.get('budget') or '':>8}"
            + (f"  errors: {figures['errors']}" if figures["errors"] else "")
        )
    lines.append("queries: first request (cold caches) / next one (warm); "
                 "× bare: throughput ÷ the bare view's (mean of its two runs).")
    lines.append("\"first visit\" pages are each requested about once (uncached); the others are primed first.")
    if results.get("page_weight"):
        lines.append("")
        lines.append(f"{'first view (KB)':<22}{'html':>8}{'css':>8}{'js':>8}{'images':>8}{'fonts':>8}{'total':>8}"
                     f"{'budget':>12}")
        for name, weight in results["page_weight"].items():
            kb = {k: v / 1024 for k, v in weight.items() if isinstance(v, int)}
            lines.append(f"{name:<22}{kb['html']:>8.1f}{kb['css']:>8.1f}{kb['js']:>8.1f}{kb['images']:>8.1f}"
                         f"{kb['fonts']:>8.1f}{kb['total']:>8.1f}{'150 / 30 JS':>12}")
    return "\n".join(lines)


def misses(results: dict) -> list[str]:
    found = []
    bare = bare_throughput(results)
    for name, figures in results["load"].items():
        kind = results["kinds"][name]
        target = P95_TARGET_MS.get(kind)
        if not figures["requests"]:
            found.append(f"{name}: no request finished in the measured period")
            continue
        if target and figures["p95_ms"] > target:
            found.append(f"{name}: p95 {figures['p95_ms']} ms > {target} ms")
        if kind != "bare" and figures["throughput_rps"] / bare < CACHED_RATIO_TARGET and name in CACHED_PAGES:
            found.append(f"{name}: {figures['throughput_rps'] / bare:.2f} × bare < {CACHED_RATIO_TARGET}")
    for name, queries in results["queries"].items():
        if queries["budget"] and queries["cold"] > queries["budget"]:
            found.append(f"{name}: {queries['cold']} queries > {queries['budget']}")
    for name, weight in results.get("page_weight", {}).items():
        if weight["total"] > 150 * 1024 or weight["js"] > 30 * 1024:
            found.append(f"{name}: {weight['total'] / 1024:.0f} KB ({weight['js'] / 1024:.0f} KB JS)")
    return found


def main() -> int:
    args = parse_args()
    load_before = os.getloadavg()
    static_root = tempfile.mkdtemp(prefix="ovop-bench-static-")
    env = production_env(args, static_root)
    ensure_database(args.database_url)
    print(f"Database {args.database_url}: migrating…")
    manage(env, "migrate", "--noinput", "-v0")
    os.environ.update({key: env[key] for key in (
        "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "DJANGO_SECRET_KEY",
        "PAYMENT_TEST_WEBHOOK_SECRET", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_STATIC_ROOT", "DJANGO_SERVE_MEDIA",
        "LOG_LEVEL")})
    # This process counts queries with the test client: its own cold cache, its own host.
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ["CACHE_KEY_PREFIX"] = f"bench-count-{secrets.token_hex(4)}"
    import django

    django.setup()
    from ovop_market.demo.scale import scale_pictures_ensure, scale_products_present

    present = scale_products_present()
    seed_seconds = None
    if args.reseed or not present:
        print(f"Building the scale catalog: {args.products} products, {args.producers} producers…")
        began = time.perf_counter()
        manage(env, "seed_scale", "--products", str(args.products), "--producers", str(args.producers),
               *(["--reset"] if args.reseed else []))
        seed_seconds = round(time.perf_counter() - began, 1)
        present = scale_products_present()
    elif present != args.products:
        print(f"Note: the database holds {present} scale products (asked for {args.products}); "
              "using them (--reseed rebuilds).")
    scale_pictures_ensure()  # the photo files, when the catalog was seeded from another checkout
    manage(env, "collectstatic", "--noinput", "-v0")
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()

    pages = choose_pages()
    print("Counting queries…")
    queries = count_queries(pages)
    port = free_port()
    log_path = os.path.join(static_root, "gunicorn.log")
    server = start_gunicorn(env, args.workers, port, log_path)
    try:
        print(f"Load: {args.clients} clients, {args.warmup:.0f} s warm-up + {args.duration:.0f} s per page, "
              f"gunicorn {args.workers} workers…")
        spec = {"host": "127.0.0.1", "port": port, "clients": args.clients, "duration": args.duration,
                "warmup": args.warmup, "pages": [{"name": p["name"], "paths": p["paths"]} for p in pages]}
        load = subprocess.run([PY, str(ROOT / "tests/perf/lib/loadgen.py")], input=json.dumps(spec), text=True,
                              capture_output=True, check=True, cwd=ROOT)
        load_results = json.loads(load.stdout)
        weights = {}
        if not args.no_browser:
            from tests.perf.lib.pageweight import page_weights

            print("Page weight in headless Chromium…")
            product_path = next(p for p in pages if p["name"] == "product page")["paths"][0]
            weights = page_weights(f"http://127.0.0.1:{port}",
                                   {"home": "/", "listing": "/products/", "product page": product_path})
    finally:
        stop(server)
    results = {
        "meta": {
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": f"{platform.node()} {os.cpu_count()} cores",
            "load_average_before": load_before, "load_average_after": os.getloadavg(),
            "database": urlsplit(args.database_url).path.lstrip("/"), "scale_products": present,
            "seed_seconds": seed_seconds, "gunicorn_workers": args.workers, "clients": args.clients,
            "duration_s": args.duration, "warmup_s": args.warmup,
        },
        "targets": {"p95_ms": P95_TARGET_MS, "queries": QUERY_BUDGET, "cached_ratio_to_bare": CACHED_RATIO_TARGET,
                    "first_view_kb": 150, "js_kb": 30},
        "kinds": {p["name"]: p["kind"] for p in pages},
        "load": load_results,
        "queries": queries,
        "page_weight": weights,
    }
    results["misses"] = misses(results)
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print()
    print(table(results))
    print()
    print("Missed targets:" if results["misses"] else "Every target met.")
    for miss in results["misses"]:
        print(f"  - {miss}")
    print(f"Figures written to {args.output}. Load average before {load_before[0]:.1f}, after "
          f"{os.getloadavg()[0]:.1f}: timings mean something only on a quiet machine.")
    return 1 if args.strict and results["misses"] else 0


if __name__ == "__main__":
    sys.exit(main())
