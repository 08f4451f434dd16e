"""Demo reason templates for the officers' moderation and verification queues (kept if edited)."""
from django.utils.translation import gettext_noop

from ovop_market.models import DecisionReason

REASONS = [
    ("product", gettext_noop("Photos too dark or blurred"),
     gettext_noop("Please add clear photos taken in daylight, with the product filling most of the picture.")),
    ("product", gettext_noop("Story missing"),
     gettext_noop("Tell buyers who makes it, from what and how: fill in at least the makers, materials and "
                  "process sections.")),
    ("product", gettext_noop("Not a village product"),
     gettext_noop("This product does not appear to be made by the cooperative in its village, so it cannot be "
                  "listed.")),
    ("product", gettext_noop("Price or weight looks wrong"),
     gettext_noop("Please check the price and the shipping weight; they look mistyped.")),
    ("cooperative", gettext_noop("Registration unreadable"),
     gettext_noop("The registration certificate cannot be read. Please upload a clear scan or photo of it.")),
    ("cooperative", gettext_noop("Licence expired"),
     gettext_noop("One of your licences has expired. Please upload the current one.")),
    ("cooperative", gettext_noop("Documents in order"),
     gettext_noop("Your documents are in order. Welcome to OVOP Market!")),
]


def decision_reasons_seed(run) -> None:
    """Create the reason templates that are missing (matched by title), counting them in ``run``."""
    for applies_to, title, text in REASONS:
        _reason, created = DecisionReason.objects.get_or_create(
            title=title, applies_to=applies_to, defaults={"text": text},
        )
        if created:
            run.created["decision reasons"] += 1
