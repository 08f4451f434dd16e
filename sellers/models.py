"""Cooperatives: the enterprises that sell. Onboarding and membership extend this."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ovop_market.models import StatusChange


class Cooperative(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY_GROUP = "community_group", _("Community producer group")
        INDIVIDUAL = "individual", _("Individual producer")
        COMMUNITY_SME = "community_sme", _("Community SME")

    class Verification(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Waiting for verification")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    village = models.ForeignKey(
        "catalog.Region", verbose_name=_("village"), on_delete=models.PROTECT, related_name="cooperatives"
    )
    story = models.TextField(_("story"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    members_count = models.PositiveIntegerField(_("members"), default=1)
    women_members_count = models.PositiveIntegerField(_("women members"), default=0)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Verification and listing decisions are sent here."),
    )
    verification_status = models.CharField(
        _("verification"), max_length=20, choices=Verification.choices, default=Verification.DRAFT,
        editable=False,
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(women_members_count__lte=F("members_count")),
                name="cooperative_women_within_members",
            ),
        ]
        indexes = [models.Index(fields=["verification_status"], name="coop_verification_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:producer", kwargs={"slug": self.slug})

    @property
    def women_led(self) -> bool:
        return self.women_members_count * 2 > self.members_count


class CooperativeStatusChange(StatusChange):
    """A cooperative's verification history, one row per change."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Cooperative.Verification.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Cooperative.Verification.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("verification status change")
        verbose_name_plural = _("verification status changes")


class Membership(models.Model):
    """A user's place in a cooperative. Owners manage it (members, payout, documents); members
    list products and fulfil orders. A user may belong to several cooperatives."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("cooperative", "user")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.cooperative} ({self.role})"


class Maker(models.Model):
    """A named person who makes the cooperative's goods, credited on products; not necessarily a user."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="makers")
    name = models.CharField(_("name"), max_length=150)
    bio = models.CharField(_("about"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("maker")
        verbose_name_plural = _("makers")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"], name="maker_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
