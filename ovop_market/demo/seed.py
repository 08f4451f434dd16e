"""Load the demo catalog of ``ovop_market.demo.data`` through the same services the site uses.

Rows are matched on their natural keys (slug, e-mail, certificate number) and created only when
missing; rows that already exist are never changed, so running the seed again does nothing and an
officer's later edits survive it. Pictures are drawn only for a product or village the run creates.
Photos go through the upload checks and the rendition pipeline like any artisan's (renditions are
made after the commit: in-process on a first run, by the worker with Redis). Cooperatives and
products go through their status workflows (draft → pending → verified,
draft → submitted → approved) so the history an officer sees in admin is the real one.
"""
import calendar
import datetime
from collections import Counter
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from catalog.models import Category, Grade, GradeLevel, Product, ProductImage, Programme, Region, RegionImage
from catalog.selectors import taxonomy_cache_clear
from catalog.services import product_approve, product_create, product_set_status, region_image_add
from ovop_market.models import User
from sellers.models import Cooperative, Membership
from sellers.services import cooperative_set_status

from . import data
from .images import COVER_SIZE, picture
from .officers import officers_seed
from .officers_reasons import decision_reasons_seed
from .orders import demo_orders_seed

KINDS = [Region.Kind.ECONOMY, Region.Kind.PROVINCE, Region.Kind.DISTRICT, Region.Kind.VILLAGE]
# Which picture each photo of a product is: cover, close-up, the place, another close-up.
PHOTO_VARIANTS = (0, 1, 2, 1)
IMPORT_REASON = "Imported with the demo data."


class _Run:
    """What one seed run created, and the files it wrote (removed again if the run fails)."""

    def __init__(self, image_size):
        self.image_size = image_size
        self.created: Counter = Counter()
        self.files: list[str] = []
        self.regions: dict[str, Region] = {}
        self.places: dict[int, str] = {}  # village pk -> "Village · Province · Economy"
        self.today = timezone.localdate()

    def jpeg(self, name: str, **drawing) -> ContentFile:
        return ContentFile(picture(size=self.image_size, **drawing), name=f"{name}.jpg")


def demo_seed(*, image_size: tuple[int, int] = COVER_SIZE) -> dict:
    """Create whatever part of the demo catalog is missing, in one transaction.

    Returns ``{"created": Counter, "totals": dict}`` for the command to report.
    """
    run = _Run(image_size)
    try:
        with transaction.atomic():
            users = _seed_users(run)
            officer = users["officer@ovop.market"]
            _seed_regions(run, data.REGIONS, parent=None, names=())
            categories = _seed_categories(run)
            programmes = _seed_programmes(run)
            cooperatives = _seed_cooperatives(run, officer)
            _seed_memberships(run, users, cooperatives)
            _seed_products(run, officer, categories, cooperatives)
            _seed_grades(run, officer, programmes)
            demo_orders_seed(created=run.created)
            officers_seed(run)
            decision_reasons_seed(run)
            transaction.on_commit(taxonomy_cache_clear)
    except BaseException:
        for name in run.files:
            default_storage.delete(name)
        raise
    return {"created": run.created, "totals": demo_totals()}


def demo_totals() -> dict:
    return {
        "users": User.objects.count(),
        "programmes": Programme.objects.count(),
        "grade levels": GradeLevel.objects.count(),
        "regions": Region.objects.count(),
        "region photos": RegionImage.objects.count(),
        "categories": Category.objects.count(),
        "cooperatives": Cooperative.objects.count(),
        "products": Product.objects.count(),
        "product photos": ProductImage.objects.count(),
        "grades": Grade.objects.count(),
    }


# --- people -----------------------------------------------------------------------------------------

def _seed_users(run: _Run) -> dict[str, User]:
    users = {}
    for spec in data.USERS:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(
                spec["email"], password=data.DEMO_PASSWORD, full_name=spec["full_name"],
                language=spec["language"], is_staff=spec.get("is_staff", False),
                is_superuser=spec.get("is_superuser", False), email_confirmed_at=timezone.now(),
            )
            run.created["users"] += 1
        users[spec["email"]] = user
    return users


# --- taxonomy: plain rows, no workflow ---------------------------------------------------------------

def _seed_regions(run: _Run, nodes, *, parent: Region | None, names: tuple[str, ...]) -> None:
    for slug, name, extra, children in nodes:
        depth = len(names)
        region, created = Region.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name, "kind": KINDS[depth], "parent": parent,
                "country_code": extra.get("country_code", ""), "story": extra.get("story", ""),
                "featured": extra.get("featured", False),
                "latitude": _decimal(extra.get("latitude")), "longitude": _decimal(extra.get("longitude")),
            },
        )
        run.regions[slug] = region
        chain = (name, *names)  # this place and its ancestors, nearest first
        if KINDS[depth] == Region.Kind.VILLAGE:
            run.places[region.pk] = " · ".join((chain[0], chain[-2], chain[-1]))
        if created:
            run.created["regions"] += 1
            for position, (alt, palette, motif) in enumerate(extra.get("photos", ())):
                photo = region_image_add(
                    region=region, alt_text=alt, position=position, by=None,
                    file=run.jpeg(f"{slug}-{position + 1}", title=name, subtitle=" · ".join(chain[-2:]),
                                  palette=palette, motif=motif, variant=2 if position == 0 else 1),
                )
                run.files.append(photo.image.name)
                run.created["region photos"] += 1
        _seed_regions(run, children, parent=region, names=chain)


def _seed_categories(run: _Run) -> dict[str, Category]:
    categories = {}
    for position, (slug, name, description, children) in enumerate(data.CATEGORIES):
        parent = _category(run, slug, name, description, position, parent=None)
        categories[slug] = parent
        for child_position, (child_slug, child_name, child_description) in enumerate(children):
            categories[child_slug] = _category(
                run, child_slug, child_name, child_description, child_position, parent=parent
            )
    return categories


def _category(run, slug, name, description, position, *, parent) -> Category:
    category, created = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description, "position": position, "parent": parent}
    )
    run.created["categories"] += created
    return category


def _seed_programmes(run: _Run) -> dict[str, Programme]:
    programmes = {}
    for spec in data.PROGRAMMES:
        programme, created = Programme.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"], "code": spec["code"], "economy": run.regions[spec["economy"]],
                "description": spec["description"], "validity_months": spec.get("validity_months"),
                "rubric": spec.get("rubric", []), "position": spec["position"],
            },
        )
        run.created["programmes"] += created
        for level in spec["levels"]:
            _, created = GradeLevel.objects.get_or_create(
                programme=programme, code=level["code"],
                defaults={
                    "name": level["name"], "slug": f"{spec['slug']}-{level['code']}".lower(), "rank": level["rank"],
                    "min_score": level.get("min_score"), "description": level["description"],
                },
            )
            run.created["grade levels"] += created
        programmes[spec["slug"]] = programme
    return programmes


# --- sellers and their products: through the services --------------------------------------------------

def _seed_memberships(run: _Run, users: dict[str, User], cooperatives: dict[str, Cooperative]) -> None:
    for spec in data.MEMBERSHIPS:
        _membership, created = Membership.objects.get_or_create(
            user=users[spec["email"]], cooperative=cooperatives[spec["cooperative"]],
            defaults={"role": spec["role"]},
        )
        run.created["memberships"] += created


def _seed_cooperatives(run: _Run, officer: User) -> dict[str, Cooperative]:
    cooperatives = {}
    for spec in data.COOPERATIVES:
        cooperative = Cooperative.objects.filter(slug=spec["slug"]).first()
        if cooperative is None:
            cooperative = Cooperative.objects.create(
                slug=spec["slug"], name=spec["name"], kind=spec["kind"], village=run.regions[spec["village"]],
                story=spec["story"], founded_year=spec["founded_year"], members_count=spec["members"],
                women_members_count=spec["women"],
            )
            cooperative_set_status(
                cooperative=cooperative, to=Cooperative.Verification.PENDING, by=None,
                reason=spec.get("pending_reason", IMPORT_REASON),
            )
            if spec.get("status", "verified") == "verified":
                cooperative_set_status(
                    cooperative=cooperative, to=Cooperative.Verification.VERIFIED, by=officer,
                    reason="Registration and documents checked.",
                )
            run.created["cooperatives"] += 1
        cooperatives[spec["slug"]] = cooperative
    return cooperatives


def _seed_products(run: _Run, officer: User, categories, cooperatives) -> None:
    existing = set(Product.objects.filter(slug__in=[p["slug"] for p in data.PRODUCTS]).values_list("slug", flat=True))
    for spec in data.PRODUCTS:
        if spec["slug"] in existing:
            continue
        cooperative = cooperatives[spec["cooperative"]]
        place = run.places.get(cooperative.village_id) or cooperative.village.name
        images = [
            (run.jpeg(f"{spec['slug']}-{i + 1}", title=spec["label"], subtitle=place, palette=spec["palette"],
                      motif=spec["motif"], variant=PHOTO_VARIANTS[i % len(PHOTO_VARIANTS)]), alt)
            for i, alt in enumerate(spec["photos"])
        ]
        length, width, height = (_decimal(v) for v in spec["size"])
        product = product_create(
            cooperative=cooperative, by=None, images=images, category=categories[spec["category"]],
            name=spec["name"], slug=spec["slug"], summary=spec["summary"],
            story_makers=spec["makers"], story_materials=spec["materials"], story_process=spec["process"],
            story_place=spec["place"], story_use=spec["use"], story_care=spec["care"],
            price=Decimal(spec["price"]), stock=spec["stock"], made_to_order=spec.get("made_to_order", False),
            lead_time_days=spec.get("lead_time_days"), season_note=spec.get("season_note", ""),
            weight_grams=spec["weight"], length_cm=length, width_cm=width, height_cm=height,
            fragile=spec.get("fragile", False), featured=spec.get("featured", False),
        )
        run.files.extend(product.images.values_list("image", flat=True))
        run.created["products"] += 1
        run.created["product photos"] += len(images)
        status = spec.get("status", Product.Status.APPROVED)
        if cooperative.verification_status != Cooperative.Verification.VERIFIED and status == Product.Status.APPROVED:
            status = Product.Status.SUBMITTED  # waits until its cooperative is verified
        _moderate(product, officer, status=status, reason=spec.get("status_reason", ""))


def _moderate(product: Product, officer: User, *, status: str, reason: str) -> None:
    """Walk a new draft to ``status`` the way an artisan and an officer would."""
    if status == Product.Status.DRAFT:
        return
    product_set_status(product=product, to=Product.Status.SUBMITTED, by=None, reason=IMPORT_REASON)
    if status == Product.Status.APPROVED:
        product_approve(product=product, by=officer)
    elif status == Product.Status.CHANGES_REQUESTED:
        product_set_status(product=product, to=Product.Status.CHANGES_REQUESTED, by=officer, reason=reason)


def _seed_grades(run: _Run, officer: User, programmes) -> None:
    products = {p.slug: p for p in Product.objects.filter(slug__in=[p["slug"] for p in data.PRODUCTS])}
    levels = {(level.programme_id, level.code): level for level in GradeLevel.objects.all()}
    existing = set(Grade.objects.exclude(certificate_number="").values_list("programme_id", "certificate_number"))
    for spec in data.PRODUCTS:
        for grade in spec.get("grades", ()):
            programme = programmes[grade["programme"]]
            if (programme.pk, grade["certificate"]) in existing or spec["slug"] not in products:
                continue
            issued = run.today - datetime.timedelta(days=grade["issued_days_ago"])
            months = programme.validity_months or grade.get("valid_months")
            scores = grade.get("scores", {})
            Grade.objects.create(
                product=products[spec["slug"]], programme=programme, level=levels[(programme.pk, grade["level"])],
                issuing_level=grade["issued_at"], certificate_number=grade["certificate"], issued_on=issued,
                expires_on=_add_months(issued, months) if months else None, scores=scores,
                total_score=sum(scores.values()) if scores else None, graded_by=officer,
            )
            run.created["grades"] += 1


# --- small conversions --------------------------------------------------------------------------------

def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
