"""Programmes and their grades, the region and category trees, products and their media."""
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ovop_market.models import StatusChange

from .uploads import PhotoFileField


class TreeNode(models.Model):
    """A node in a shallow tree with a materialised path of slugs ("vn/ha-noi/gia-lam/").

    Subtree queries are one indexed prefix match: ``path__startswith=node.path``.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=400, editable=False, db_index=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path is derived data that keeps subtree queries to one index scan.
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "") + self.slug + "/"
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(self.path), Substr(F("path"), len(old_path) + 1)),
                depth=F("depth") + (self.depth - old_path.count("/") + 1),
            )

    def ancestors(self):
        """This node's ancestors from the root down, in one query."""
        parts = self.path.strip("/").split("/")[:-1]
        prefixes = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
        return list(type(self).objects.filter(path__in=prefixes).order_by("depth"))


class Region(TreeNode):
    class Kind(models.TextChoices):
        ECONOMY = "economy", _("Economy")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        VILLAGE = "village", _("Village")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    country_code = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166 code, on economies.")
    )
    story = models.TextField(_("story"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ("path",)
        indexes = [
            models.Index(fields=["path"], name="region_path_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["kind", "featured"], name="region_kind_featured_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("catalog:region", kwargs={"slug": self.slug})


def photo_original_path(instance, filename: str) -> str:
    """Originals live apart from what the public sees: they may carry GPS and are never linked."""
    return f"originals/{instance.MEDIA_FOLDER}/{timezone.now():%Y/%m}/{filename}"


class Photo(models.Model):
    """An uploaded photo and the web renditions made from it by a worker (``catalog.renditions``).

    ``renditions`` lists what was made, as ``{"kind": "width"|"card", "width", "height",
    "format": "webp"|"jpeg", "name"}`` with ``name`` the storage name: the page shows photos from
    the row itself, without a query per photo. Rendition names contain ``source_fingerprint`` (a
    hash of the original and the pipeline version), so they change whenever their content does.
    ``width`` and ``height`` are the original's, upright.
    """

    class RenditionStatus(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    MEDIA_FOLDER = "photos"

    image = PhotoFileField(_("image"), upload_to=photo_original_path, max_length=200)
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(_("alt text"), max_length=250)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    rendition_status = models.CharField(
        _("renditions"), max_length=10, choices=RenditionStatus.choices, default=RenditionStatus.PENDING,
        editable=False,
    )
    renditions = models.JSONField(_("rendition files"), default=list, blank=True, editable=False)
    placeholder_colour = models.CharField(_("placeholder colour"), max_length=7, blank=True, editable=False)
    rendition_error = models.TextField(_("why the renditions failed"), blank=True, editable=False)
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64, blank=True, editable=False)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ("position", "pk")
        indexes = [models.Index(fields=["rendition_status"], name="%(class)s_rendition_idx")]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def is_ready(self) -> bool:
        return self.rendition_status == self.RenditionStatus.READY and bool(self.renditions)


class RegionImage(Photo):
    MEDIA_FOLDER = "regions"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="images")

    class Meta(Photo.Meta):
        verbose_name = _("region photo")
        verbose_name_plural = _("region photos")


class Category(TreeNode):
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("path",)
        indexes = [
            models.Index(fields=["path"], name="category_path_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_list") + f"?category={self.slug}"


class Programme(models.Model):
    """A certifying scheme (OCOP, OTOP…). Its grade scale is data: ``GradeLevel`` rows."""

    name = models.CharField(_("name"), max_length=150)
    code = models.CharField(_("short name"), max_length=20, help_text=_("e.g. OCOP, OTOP"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    economy = models.ForeignKey(
        Region, verbose_name=_("economy"), on_delete=models.PROTECT, null=True, blank=True,
        limit_choices_to={"kind": Region.Kind.ECONOMY}, related_name="programmes",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"), null=True, blank=True
    )
    rubric = models.JSONField(
        _("scoring rubric"), default=list, blank=True,
        help_text=_('Criteria with maximum points, e.g. [{"key": "quality", "label": "Quality", "max": 35}].'),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.code


class GradeLevel(models.Model):
    """One step on a programme's scale: "4 stars", "Class A". A higher rank is better."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Higher is better."))
    min_score = models.PositiveSmallIntegerField(_("minimum score"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("grade level")
        verbose_name_plural = _("grade levels")
        ordering = ("programme", "-rank")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="gradelevel_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.name}"


class Grade(models.Model):
    """A product's certificate under one programme. It stops counting on its expiry date."""

    class IssuingLevel(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        OTHER = "other", _("Other")

    product = models.ForeignKey("Product", on_delete=models.CASCADE, related_name="grades")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="grades")
    level = models.ForeignKey(
        GradeLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="grades"
    )
    issuing_level = models.CharField(_("issued at"), max_length=10, choices=IssuingLevel.choices)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scores = models.JSONField(_("rubric scores"), default=dict, blank=True)
    total_score = models.PositiveSmallIntegerField(
        _("total score"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    evidence = models.FileField(_("evidence"), upload_to="grades/%Y/", blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the cooperative was warned of the coming expiry, and told it had expired: each once.
    # Whether a grade counts is decided by ``expires_on`` alone (``catalog.selectors.grades_active``).
    expiry_warned_at = models.DateTimeField(_("expiry warning sent"), null=True, blank=True, editable=False)
    expired_noticed_at = models.DateTimeField(_("expiry notice sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ("-level__rank",)
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="grade_expires_after_issue",
            ),
            models.UniqueConstraint(
                fields=["programme", "certificate_number"], condition=~Q(certificate_number=""),
                name="grade_unique_certificate",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "expires_on"], name="grade_level_expiry_idx"),
            # The daily expiry task and the admin's "issued" ordering at national scale.
            models.Index(fields=["expires_on"], name="grade_expiry_notice_idx",
                         condition=Q(expired_noticed_at__isnull=True, expires_on__isnull=False)),
            models.Index(fields=["-issued_on", "-id"], name="grade_issued_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.level} — {self.product_id}"

    @property
    def is_active(self) -> bool:
        return self.expires_on is None or self.expires_on >= timezone.localdate()


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    cooperative = models.ForeignKey(
        "sellers.Cooperative", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="products"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    origin = models.ForeignKey(
        Region, verbose_name=_("origin"), on_delete=models.PROTECT, related_name="products",
        help_text=_("The village or district where it is made."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    story_makers = models.TextField(_("who makes it"), blank=True)
    story_materials = models.TextField(_("materials"), blank=True)
    story_process = models.TextField(_("how it is made"), blank=True)
    story_place = models.TextField(_("the village"), blank=True)
    story_use = models.TextField(_("use"), blank=True)
    story_care = models.TextField(_("care"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)

    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    stock = models.PositiveIntegerField(_("in stock"), default=0)
    made_to_order = models.BooleanField(_("made to order"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)
    season_note = models.CharField(_("seasonal availability"), max_length=200, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    length_cm = models.DecimalField(_("length (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(_("width (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    fragile = models.BooleanField(_("fragile"), default=False)
    makers = models.ManyToManyField(
        "sellers.Maker", verbose_name=_("made by"), related_name="products", blank=True,
        help_text=_("Makers of the same cooperative credited on the product page."),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)

    # Search: accent-folded, Thai-segmented text, maintained by catalog.search.
    search_name = models.CharField(max_length=400, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("-approved_at", "-pk")
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(
                condition=Q(made_to_order=False) | Q(lead_time_days__isnull=False),
                name="product_made_to_order_has_lead_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-approved_at"], name="product_status_approved_idx"),
            models.Index(fields=["status", "price"], name="product_status_price_idx"),
            models.Index(fields=["status", "featured"], name="product_status_featured_idx"),
            # The admin changelist's default order, unfiltered, over every product.
            models.Index(fields=["-approved_at", "-id"], name="product_approved_order_idx"),
            models.Index(fields=["status", "-created_at"], name="product_status_created_idx"),
            # The public listing's orders, over approved products only: the cooperative is in the
            # index (PostgreSQL) so the "not of an unverified producer" check and the count read
            # the index alone, without visiting the table.
            models.Index(fields=["-approved_at", "-id"], include=["cooperative"], condition=Q(status="approved"),
                         name="product_public_recent_idx"),
            models.Index(fields=["price", "-id"], include=["cooperative"], condition=Q(status="approved"),
                         name="product_public_price_idx"),
            models.Index(fields=["-price", "-id"], include=["cooperative"], condition=Q(status="approved"),
                         name="product_public_price_desc_idx"),
            # A producer's page and related products (same producer, same village), newest first.
            models.Index(fields=["cooperative", "-approved_at", "-id"], condition=Q(status="approved"),
                         name="product_public_coop_idx"),
            models.Index(fields=["origin", "-approved_at", "-id"], condition=Q(status="approved"),
                         name="product_public_origin_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", kwargs={"slug": self.slug})

    @property
    def available(self) -> bool:
        return self.made_to_order or self.stock > 0

    def story_sections(self) -> list[tuple[str, str]]:
        """The story's filled-in sections, in reading order, with their headings."""
        sections = [
            (_("Who makes it"), self.story_makers),
            (_("Materials"), self.story_materials),
            (_("How it is made"), self.story_process),
            (_("The village"), self.story_place),
            (_("Use"), self.story_use),
            (_("Care"), self.story_care),
        ]
        return [(title, text) for title, text in sections if text.strip()]


class ProductImage(Photo):
    MEDIA_FOLDER = "products"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    # A photo added to an approved product waits for the officer's review before buyers see it.
    published = models.BooleanField(_("shown to buyers"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(Photo.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")


class ProductStatusChange(StatusChange):
    """A product's moderation history, one row per change."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Product.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Product.Status.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("product status change")
        verbose_name_plural = _("product status changes")


class ProductRevision(models.Model):
    """Changes to an approved product's story or photos, waiting for an officer.

    The product stays public with its approved content meanwhile. ``data`` holds the proposed
    reviewed fields (``name``, ``category`` id, ``summary``, ``story_*``, ``video_url``,
    ``makers`` ids) and staged photo changes (``image_order``, ``remove_images``: photo ids);
    photos added meanwhile are stored unpublished. At most one revision per product is pending.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="revisions")
    data = models.JSONField(_("proposed changes"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("product revision")
        verbose_name_plural = _("product revisions")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=Q(status="pending"), name="product_revision_one_pending",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="revision_status_created_idx")]

    def __str__(self) -> str:
        return f"{self.product} — {self.get_status_display()}"


class SearchTerm(models.Model):
    """The catalog's vocabulary: every distinct searchable word, for typo correction."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.word


class OfficerScope(models.Model):
    """Where a programme officer works: the regions (each with everything under it) and, if any
    are named, the programmes whose grades they record. A staff member without a scope sees no
    cooperative, product or grade in admin until a superuser gives them one; superusers see all.
    The rule is applied in one place, ``ovop_market.officers``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.CASCADE,
        related_name="officer_scope", limit_choices_to={"is_staff": True},
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), related_name="+", blank=True,
        help_text=_("A province covers its districts and villages."),
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes"), related_name="+", blank=True,
        help_text=_("Leave empty for every programme."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("officer scope")
        verbose_name_plural = _("officer scopes")

    def __str__(self) -> str:
        return str(self.user)
