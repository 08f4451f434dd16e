"""``manage.py seed_demo``: a believable catalog to browse, safe to run again."""
import time

from django.core.management.base import BaseCommand

from ovop_market.demo.data import DEMO_PASSWORD, USERS
from ovop_market.demo.officers import PROVINCIAL_OFFICER
from ovop_market.demo.seed import demo_seed


class Command(BaseCommand):
    help = (
        "Create the demo catalog: programmes and grade scales, villages, cooperatives, products with "
        "stories, grades and generated pictures, and three demo accounts. Only missing rows are created."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = demo_seed()
        elapsed = time.perf_counter() - started
        created, totals = result["created"], result["totals"]

        if sum(created.values()):
            self.stdout.write(self.style.SUCCESS(f"Demo data created in {elapsed:.1f} s."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo data already in place; nothing to add ({elapsed:.1f} s)."))
        width = max(len(name) for name in totals)
        for name, total in totals.items():
            self.stdout.write(f"  {name:<{width}}  {total:>4}  ({created.get(name, 0)} new)")

        self.stdout.write("\nDemo accounts (log in with the e-mail address), all with the password "
                          f"{DEMO_PASSWORD!r}:")
        accounts = [*USERS, PROVINCIAL_OFFICER]
        email_width = max(len(user["email"]) for user in accounts)
        for user in accounts:
            self.stdout.write(f"  {user['email']:<{email_width}} {user['full_name']} — {user['role']}")
        self.stdout.write("Officers also need their second factor: print the current code with "
                          "`python manage.py totp_code <email>` (or add the demo key to an authenticator app).")
