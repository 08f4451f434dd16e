"""``manage.py totp_code <email>``: the code a user's authenticator app shows now (demo and tests).

Printing a second factor defeats it, so this refuses unless DEBUG is on or ``--force`` is given.
"""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from ovop_market.second_factor import totp_device_code


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's confirmed device (for the demo; refused when DEBUG is off)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--force", action="store_true", help="Print it even with DEBUG off.")

    def handle(self, *args, email, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refused: DEBUG is off. This prints a login secret; pass --force if you mean it.")
        device = (
            TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True).order_by("pk").first()
        )
        if device is None:
            raise CommandError(f"No confirmed authenticator device for {email}.")
        self.stdout.write(totp_device_code(device))
