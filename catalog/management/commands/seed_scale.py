"""``manage.py seed_scale``: a national-scale catalog (OTOP size) for benchmarks, in minutes."""
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ovop_market.demo.scale import SQLITE_MAX_PRODUCTS, ScaleDataPresent, scale_reset, scale_seed


class Command(BaseCommand):
    help = (
        "Build a national-scale catalog for benchmarks (default: 220,000 products from 100,000 producers, "
        "with orders and reviews in proportion). Refuses to run twice; --reset removes it first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=220_000)
        parser.add_argument("--producers", type=int, default=100_000)
        parser.add_argument("--orders", type=int, default=None, help="Default: a quarter of the products.")
        parser.add_argument("--seed", type=int, default=7, help="The same seed builds the same catalog.")
        parser.add_argument("--reset", action="store_true", help="Remove the scale catalog first.")
        parser.add_argument("--reset-only", action="store_true", help="Remove the scale catalog and stop.")

    def handle(self, *args, products, producers, orders, seed, reset, reset_only, **options):
        if connection.vendor == "sqlite" and products > SQLITE_MAX_PRODUCTS and not reset_only:
            raise CommandError(
                f"SQLite is not for a national catalog: use PostgreSQL (DATABASE_URL) or --products "
                f"{SQLITE_MAX_PRODUCTS} or fewer."
            )
        if reset or reset_only:
            self.stdout.write("Removing the scale catalog…")
            scale_reset(log=self.stdout.write)
            if reset_only:
                return
        self.stdout.write(f"Building {products} products from {producers} producers…")
        try:
            result = scale_seed(products=products, producers=producers, orders=orders, seed=seed,
                                log=self.stdout.write)
        except ScaleDataPresent as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Scale catalog built in {result['seconds']} s."))
        for name, count in result["counts"].items():
            self.stdout.write(f"  {name:<20} {count:>8}")
