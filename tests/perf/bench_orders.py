"""Benchmark: order placement under concurrent buyers on PostgreSQL, and the last-units race.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything .venv/bin/python tests/perf/bench_orders.py \
        [--buyers 1 8 16] [--orders 160] [--strict]

Creates its own database (``ovop_bench_orders``) on the server DATABASE_URL names, migrates it,
fills it with villages, cooperatives, shipping rates, products and buyers, and drops it at the
end; without a PostgreSQL DATABASE_URL it prints "skipped" and exits 0 (SQLite serialises writers,
so its figures would say nothing).

Each level runs N buyer processes (as gunicorn workers would), started together at a barrier;
each fills its own cart with two products from two cooperatives (untimed) and times
``orders.services.order_place`` (timed: the whole transaction, row locks, stock, shipments,
payments, notifications recorded and their e-mails queued on commit). Two mixes: "spread" (each
buyer buys from its own pair of cooperatives) and "hot" (every order also takes the same product,
so every placement waits for that row lock). Then the DESIGN race: 50 buyers (threads at a
barrier), a third of them with multi-seller carts, for the last 10 units of a product.

Figures are printed beside the targets: the race is DESIGN.md's; DESIGN.md sets no latency or
throughput figure for placing orders, so the ones here are ours (marked "ours"). Not a unit test:
exits 0 (``--strict`` exits 1 when a target is missed).
"""
import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BENCH_DATABASE = "ovop_bench_orders"
COOPERATIVES = 8
PRODUCTS_PER_COOPERATIVE = 4
PLENTY = 10_000_000
RACE_BUYERS = 50
RACE_UNITS = 10
# Ours (DESIGN.md has no figure for placing orders). Latency: "place order" should feel as quick
# as a page, so one buyer's p95 within a few storefront page times. Throughput: at national scale
# (100,000 producers) a festival-day peak of ~100,000 orders in a day with a 10× busiest hour is
# ~12 orders/s; ask for 20/s on the 2-core machine with 8 buyers placing at once. With 8 buyers on
# 2 cores each placement mostly waits its turn (Little's law: latency ≈ 8 ÷ throughput), so the
# latency target is read at 1 buyer and the throughput target at 8.
TARGET_P95_MS = 150.0
TARGET_ORDERS_PER_SECOND = 20.0


def database_urls() -> tuple[str, str, str] | None:
    """(the bench database's URL, the maintenance database's URL, the server) or None when
    DATABASE_URL is not PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
        return None
    bench = urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_DATABASE}", parts.query, ""))
    maintenance = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    return bench, maintenance, parts.hostname or "localhost"


def maintenance_execute(url: str, sql: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        dbname="postgres", user=parts.username or "postgres", password=parts.password or None,
        host=parts.hostname or "localhost", port=parts.port or 5432,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def django_setup(bench_url: str) -> None:
    os.environ["DATABASE_URL"] = bench_url
    # Without Redis the e-mails would be rendered and sent inside each placement (the embedded
    # eager mode); production queues them for a worker. Queue them in memory instead (below).
    os.environ["REDIS_URL"] = ""
    os.environ["EMAIL_URL"] = "memorymail://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop_market.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from ovop_market.celery import app

    app.conf.task_always_eager = False  # publish to the in-memory broker; nobody consumes it here
    app.conf.broker_url = "memory://localhost/"


# --- data ---------------------------------------------------------------------------------------

def make_data(buyers: int) -> dict:
    from django.utils import timezone

    from catalog.models import Category, Product, Region
    from orders.models import ShippingMethod, ShippingRate, Zone
    from ovop_market.models import User
    from sellers.models import Cooperative

    economy = Region.objects.create(name="Viet Nam", slug="viet-nam", kind=Region.Kind.ECONOMY, country_code="VN")
    province = Region.objects.create(name="Ha Noi", slug="ha-noi", kind=Region.Kind.PROVINCE, parent=economy)
    district = Region.objects.create(name="Gia Lam", slug="gia-lam", kind=Region.Kind.DISTRICT, parent=province)
    category = Category.objects.create(name="Ceramics", slug="ceramics")
    method = ShippingMethod.objects.create(name="Vietnam Post", carrier="Vietnam Post",
                                           fragile_surcharge=Decimal("2.00"))
    for zone, price in ((Zone.DOMESTIC, "3.00"), (Zone.REGIONAL, "9.00"), (Zone.INTERNATIONAL, "25.00")):
        ShippingRate.objects.create(method=method, zone=zone, max_weight_grams=30_000, price=Decimal(price),
                                    min_days=2, max_days=6)
    now = timezone.now()
    cooperatives, products = [], []
    for c in range(COOPERATIVES):
        village = Region.objects.create(name=f"Village {c}", slug=f"village-{c}", kind=Region.Kind.VILLAGE,
                                        parent=district)
        cooperative = Cooperative.objects.create(
            name=f"Cooperative {c}", slug=f"cooperative-{c}", kind=Cooperative.Kind.COMMUNITY_GROUP, village=village,
            verification_status=Cooperative.Verification.VERIFIED, verified_at=now,
            contact_email=f"cooperative{c}@example.com", payout_account_holder=f"Cooperative {c}",
            payout_bank_name="Agribank", payout_account_number=f"1000{c:04d}",
        )
        cooperatives.append(cooperative)
        for p in range(PRODUCTS_PER_COOPERATIVE):
            products.append(Product(
                cooperative=cooperative, category=category, origin=village, name=f"Bowl {c}-{p}",
                slug=f"bowl-{c}-{p}", price=Decimal(12 + p), stock=PLENTY, weight_grams=600, fragile=p == 0,
                status=Product.Status.APPROVED, approved_at=now,
            ))
    Product.objects.bulk_create(products)
    by_cooperative = {c.pk: list(Product.objects.filter(cooperative=c).order_by("pk")) for c in cooperatives}
    users = [User(email=f"buyer{i}@example.com", full_name=f"Buyer {i}") for i in range(max(buyers, RACE_BUYERS))]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    return {
        "method": method.pk,
        "cooperatives": [c.pk for c in cooperatives],
        "products": {c: [p.pk for p in items] for c, items in by_cooperative.items()},
        "users": list(User.objects.order_by("pk").values_list("pk", flat=True)),
        "hot": by_cooperative[cooperatives[0].pk][1].pk,
    }


CONTACT = {"full_name": "Nguyen Thi Lan", "phone": "+84 912 345 678"}
ADDRESS = {"country": "VN", "province": "Ha Noi", "city": "Hoan Kiem", "postal_code": "100000",
           "address_line1": "12 Hang Bac", "address_line2": ""}


def cart_filled(*, user, product_ids, method_id):
    """The buyer's cart with one of each product, and the choices for its cooperatives."""
    from catalog.models import Product
    from orders import services
    from orders.models import Cart

    cart, _created = Cart.objects.get_or_create(user=user)
    products = Product.objects.select_related("cooperative").filter(pk__in=product_ids)
    for product in products:
        services.cart_add(cart=cart, product=product, quantity=1)
    choices = {product.cooperative_id: {"shipping_method": method_id, "payment_method": "cod"}
               for product in products}
    return cart, choices


def place(*, user, cart, choices, key):
    from orders import services

    return services.order_place(cart=cart, buyer=user, contact={**CONTACT, "email": user.email}, address=ADDRESS,
                                choices=choices, idempotency_key=key, language="en")


def place_one(*, user, product_ids, method_id, key) -> float:
    """Fill the buyer's cart (untimed), then place it; the seconds order_place took."""
    cart, choices = cart_filled(user=user, product_ids=product_ids, method_id=method_id)
    started = time.perf_counter()
    place(user=user, cart=cart, choices=choices, key=key)
    return time.perf_counter() - started


# --- the concurrent levels ------------------------------------------------------------------------

def buyer_process(index, buyers, count, data, mix, barrier, results):
    from django.db import connections

    from orders.models import CartLine
    from ovop_market.models import User

    connections.close_all()  # never share the parent's connection
    try:
        user = User.objects.get(pk=data["users"][index])
        CartLine.objects.filter(cart__user=user).delete()  # whatever a failed placement left
        cooperatives = data["cooperatives"]
        first = data["products"][cooperatives[index % len(cooperatives)]]
        second = data["products"][cooperatives[(index + 1) % len(cooperatives)]]
        latencies, errors = [], []
        barrier.wait()
        for n in range(count):
            wanted = [first[n % len(first)], second[(n + 1) % len(second)]]
            if mix == "hot":
                wanted = [data["hot"], second[(n + 1) % len(second)]]
            try:
                # A key used before by this buyer would replay that order instead of placing one.
                latencies.append(place_one(user=user, product_ids=wanted, method_id=data["method"],
                                           key=f"{mix}-{buyers}-{index}-{n}"))
            except Exception as error:  # counted and reported: a benchmark must finish
                errors.append(f"{type(error).__name__}: {error}"[:200])
        results.put((latencies, errors))
    finally:
        connections.close_all()


def run_level(*, buyers: int, orders: int, data: dict, mix: str) -> dict:
    from django.db import connections

    from orders.models import Order

    before = Order.objects.count()
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(buyers + 1)
    results = context.Queue()
    per_buyer = max(1, orders // buyers)
    workers = [context.Process(target=buyer_process, args=(i, buyers, per_buyer, data, mix, barrier, results))
               for i in range(buyers)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    latencies, errors = [], []
    for _worker in workers:
        got, failed = results.get()
        latencies += got
        errors += failed
    wall = time.perf_counter() - started
    for worker in workers:
        worker.join()
    made = Order.objects.count() - before
    if made != len(latencies):  # a placement that answered without placing would flatter the figures
        errors.append(f"{len(latencies)} placements answered but {made} orders were made")
    latencies.sort()
    return {
        "mix": mix, "buyers": buyers, "orders": len(latencies), "errors": errors,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000 if latencies else float("nan"),
        "rate": len(latencies) / wall if wall else 0.0,
    }


# --- the race -------------------------------------------------------------------------------------

def run_race(data: dict) -> dict:
    """50 buyers at a barrier for the last 10 units; a third also buy from another cooperative."""
    from django.db import connections
    from django.utils import timezone

    from catalog.models import Product
    from orders.models import CartLine, Order, OrderLine
    from orders.services import SoldOut
    from ovop_market.models import User

    cooperatives = data["cooperatives"]
    scarce_owner = cooperatives[1]
    scarce = Product.objects.create(
        cooperative_id=scarce_owner, category_id=Product.objects.get(pk=data["hot"]).category_id,
        origin_id=Product.objects.get(pk=data["hot"]).origin_id, name="The last vases", slug="the-last-vases",
        price=Decimal("40.00"), stock=RACE_UNITS, weight_grams=1500, fragile=True,
        status=Product.Status.APPROVED, approved_at=timezone.now(),
    )
    other = data["products"][cooperatives[2]][2]
    other_before = Product.objects.get(pk=other).stock
    users = list(User.objects.filter(pk__in=data["users"][:RACE_BUYERS]).order_by("pk"))
    CartLine.objects.filter(cart__user__in=users).delete()  # whatever a failed placement above left
    barrier = threading.Barrier(RACE_BUYERS)
    outcome = {"placed": 0, "sold_out": 0, "other": []}
    lock = threading.Lock()

    def buyer(index, user):
        from orders import services
        from orders.models import Cart

        try:
            cart, _created = Cart.objects.get_or_create(user=user)
            services.cart_add(cart=cart, product=scarce, quantity=1)
            wanted = {scarce_owner}
            if index % 3 == 0:  # a multi-seller cart: all or nothing across both cooperatives
                services.cart_add(cart=cart, product=Product.objects.get(pk=other), quantity=1)
                wanted.add(cooperatives[2])
            choices = {c: {"shipping_method": data["method"], "payment_method": "cod"} for c in wanted}
            barrier.wait()
            try:
                services.order_place(cart=cart, buyer=user, contact={**CONTACT, "email": user.email},
                                     address=ADDRESS, choices=choices, idempotency_key=f"race-{index}",
                                     language="en")
                result = "placed"
            except SoldOut:
                result = "sold_out"
            with lock:
                outcome[result] += 1
        except Exception as error:  # a deadlock, a 500-worthy error: reported, never hidden
            with lock:
                outcome["other"].append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer, args=(i, user)) for i, user in enumerate(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome["seconds"] = time.perf_counter() - started
    scarce.refresh_from_db()
    sold = sum(OrderLine.objects.filter(product=scarce).values_list("quantity", flat=True))
    placed_orders = Order.objects.filter(user__in=users, idempotency_key__startswith="race-")
    multi_placed = placed_orders.filter(shipments__lines__product_id=other).distinct().count()
    outcome.update(
        stock_left=scarce.stock, sold=sold, orders=placed_orders.count(),
        partial=placed_orders.exclude(shipments__lines__product=scarce).count(),
        other_stock_right=Product.objects.get(pk=other).stock == other_before - multi_placed,
    )
    return outcome


# --- the report -----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--buyers", type=int, nargs="+", default=[1, 8, 16], help="concurrent buyers per level")
    parser.add_argument("--orders", type=int, default=160, help="orders per level and mix")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    urls = database_urls()
    if urls is None:
        print("bench_orders: skipped: needs PostgreSQL (set DATABASE_URL=postgres://user@host:5432/name; "
              f"the benchmark makes and drops its own database, {BENCH_DATABASE}).")
        return 0
    bench_url, maintenance_url, server = urls
    maintenance_execute(maintenance_url, f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
    maintenance_execute(maintenance_url, f'CREATE DATABASE "{BENCH_DATABASE}"')
    try:
        django_setup(bench_url)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        data = make_data(max(args.buyers))
        statements = placement_statements(data)
        levels = [run_level(buyers=n, orders=args.orders, data=data, mix=mix)
                  for mix in ("spread", "hot") for n in args.buyers]
        race = run_race(data)
        connections.close_all()
    finally:
        maintenance_execute(maintenance_url, f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
    return report(levels, race, server=server, strict=args.strict, orders=args.orders, statements=statements)


def placement_statements(data: dict) -> int:
    """SQL statements one two-cooperative placement runs (its commit hooks included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ovop_market.models import User

    user = User.objects.get(pk=data["users"][-1])
    cooperatives = data["cooperatives"]
    wanted = [data["products"][cooperatives[0]][2], data["products"][cooperatives[1]][2]]
    place_one(user=user, product_ids=wanted, method_id=data["method"], key="statements-warm-up")
    cart, choices = cart_filled(user=user, product_ids=wanted, method_id=data["method"])
    with CaptureQueriesContext(connection) as captured:
        place(user=user, cart=cart, choices=choices, key="statements")
    return len(captured.captured_queries)


def report(levels, race, *, server, strict, orders, statements) -> int:
    missed = []
    print(f"Order placement (orders.services.order_place) on PostgreSQL at {server}, {os.cpu_count()} CPUs; "
          f"{orders} orders per level, each two products from two cooperatives (two shipments), cash on delivery; "
          f"one process per buyer, started at a barrier. E-mails queued, not sent. One placement runs {statements} "
          "SQL statements, commit hooks included.")
    print()
    header = (f"{'mix':<8}{'buyers':>7}{'orders':>8}{'p50 ms':>9}{'p95 ms':>9}{'orders/s':>10}{'errors':>8}"
              "  target (ours)")
    print(header)
    print("-" * (len(header) + 30))
    for level in levels:
        target = ""
        if level["buyers"] in (1, 8):
            if level["buyers"] == 1:
                ok, wanted = level["p95"] <= TARGET_P95_MS, f"p95 ≤ {TARGET_P95_MS:.0f} ms"
            else:
                ok, wanted = level["rate"] >= TARGET_ORDERS_PER_SECOND, f"≥ {TARGET_ORDERS_PER_SECOND:.0f} orders/s"
            ok = ok and not level["errors"]
            target = f"{wanted}: " + ("meets" if ok else "MISSES")
            if not ok:
                missed.append(f"{level['mix']} at {level['buyers']} buyer(s)")
        elif level["errors"]:
            missed.append(f"{level['mix']} at {level['buyers']} buyers: errors")
        print(f"{level['mix']:<8}{level['buyers']:>7}{level['orders']:>8}{level['p50']:>9.1f}{level['p95']:>9.1f}"
              f"{level['rate']:>10.1f}{len(level['errors']):>8}  {target}")
        if level["errors"]:
            for error in sorted(set(level["errors"]))[:3]:
                print(f"        error: {error}")
    print()
    race_ok = (race["sold"] == RACE_UNITS and race["stock_left"] == 0 and race["placed"] == RACE_UNITS
               and race["sold_out"] == RACE_BUYERS - RACE_UNITS and not race["other"] and race["partial"] == 0
               and race["other_stock_right"])
    print(f"Race (DESIGN target): {RACE_BUYERS} buyers for the last {RACE_UNITS} units, every third with a "
          f"two-cooperative cart, in {race['seconds']:.2f} s")
    print(f"  sold {race['sold']} units (target {RACE_UNITS}), stock left {race['stock_left']} (target 0, never "
          f"negative), orders {race['placed']}, clear \"sold out\" {race['sold_out']} "
          f"(target {RACE_BUYERS - RACE_UNITS}), other errors {len(race['other'])} (target 0), partial orders "
          f"{race['partial']} (target 0), other cooperative's stock consistent: "
          f"{'yes' if race['other_stock_right'] else 'NO'} — {'meets target' if race_ok else 'MISSES target'}")
    for error in race["other"][:5]:
        print(f"  error: {error}")
    if not race_ok:
        missed.append("race")
    return 1 if (missed and strict) else 0


if __name__ == "__main__":
    sys.exit(main())
