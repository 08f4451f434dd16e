"""Cooperatives: the enterprises that sell, their members, makers, documents and invitations."""
import secrets

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
    # Empty only while an application is a draft (or proposes a village the officers have not added yet).
    village = models.ForeignKey(
        "catalog.Region", verbose_name=_("village"), on_delete=models.PROTECT, related_name="cooperatives",
        null=True, blank=True,
    )
    story = models.TextField(_("story"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    members_count = models.PositiveIntegerField(_("members"), default=1)
    women_members_count = models.PositiveIntegerField(_("women members"), default=0)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Verification and listing decisions are sent here."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    programme_registrations = models.TextField(
        _("programme registrations"), blank=True,
        help_text=_("One per line, for example “OCOP 2023-HN-0142” or “OTOP 5/2566”."),
    )
    payout_account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    payout_bank_name = models.CharField(_("bank or mobile-money provider"), max_length=150, blank=True)
    payout_account_number = models.CharField(_("account number"), max_length=40, blank=True)
    accepts_cash_on_delivery = models.BooleanField(
        _("accepts cash on delivery"), default=True,
        help_text=_("Offered to buyers in the cooperative's own country."),
    )
    accepts_bank_transfer = models.BooleanField(
        _("accepts bank transfer"), default=True,
        help_text=_("Offered only when the payout account is filled in."),
    )
    proposed_village_name = models.CharField(
        _("proposed new village"), max_length=120, blank=True,
        help_text=_("A village not yet in the region list; an officer adds it and sets the village."),
    )
    proposed_village_district = models.ForeignKey(
        "catalog.Region", verbose_name=_("district of the proposed village"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applied by"), on_delete=models.SET_NULL,
        related_name="+", null=True, blank=True, editable=False,
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
        indexes = [
            models.Index(fields=["verification_status"], name="coop_verification_idx"),
            # The public catalog's list of unverified producers, read from the index alone.
            models.Index(fields=["verification_status", "id"], name="coop_verification_id_idx"),
            # The admin changelist's order (name, then newest first among equal names).
            models.Index(fields=["name", "-id"], name="coop_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:producer", kwargs={"slug": self.slug})

    @property
    def women_led(self) -> bool:
        return self.women_members_count * 2 > self.members_count

    @property
    def payout_account_masked(self) -> str:
        """The account number as it is shown everywhere except the owner's edit form."""
        return account_number_mask(self.payout_account_number)


def account_number_mask(number: str) -> str:
    digits = "".join(number.split())
    if not digits:
        return ""
    return "•••• " + digits[-4:] if len(digits) > 4 else "••••"


class CooperativeStatusChange(StatusChange):
    """A cooperative's verification history, one row per change."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Cooperative.Verification.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Cooperative.Verification.choices)
    on_behalf = models.BooleanField(
        _("on the cooperative's behalf"), default=False,
        help_text=_("An officer made this change for the cooperative (an application they filed for it)."),
    )

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


class CooperativeEdit(models.Model):
    """An audit row for each change to an application's details: who, when, which step, and whether
    an officer made it on the cooperative's behalf."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="edits")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(_("on the cooperative's behalf"), default=False)
    what = models.CharField(_("what"), max_length=60)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperative edit")
        verbose_name_plural = _("cooperative edits")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.what} ({self.by})"


def document_private_path(instance, filename: str) -> str:
    """Documents live under ``private/``, which the public media route refuses, with a random name:
    neither the cooperative nor the uploader's file name can be guessed from it."""
    extension = getattr(instance, "_extension", "bin")
    return f"private/documents/{secrets.token_hex(16)}.{extension}"


class CooperativeDocument(models.Model):
    """A registration certificate or licence. Private: only members and officers can download it."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration certificate")
        FOOD_SAFETY = "food_safety", _("Food safety licence")
        HALAL = "halal", _("Halal certificate")
        OTHER_LICENCE = "other_licence", _("Other licence")

    LICENCES = (Kind.FOOD_SAFETY, Kind.HALAL, Kind.OTHER_LICENCE)

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_private_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=40, editable=False)
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    number = models.CharField(_("number"), max_length=80, blank=True)
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ("kind", "-uploaded_at")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("sellers:document_download", kwargs={"pk": self.pk})


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


class MembershipInvitation(models.Model):
    """An owner's invitation, by e-mail link, to join a cooperative. The link carries a random token;
    it works once, before it expires, for the account with the invited address only."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership invitation")
        verbose_name_plural = _("membership invitations")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.email} → {self.cooperative}"
