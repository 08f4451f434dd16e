"""The platform's own models: the user account (log in by e-mail), the shape of a status history
row, the outbox of background work and the notifications users receive."""
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Addresses are stored lower-cased, so "Mai@Example.com" logs in as mai@example.com.
        return self.get(**{self.model.USERNAME_FIELD: (username or "").strip().lower()})

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: buyer, artisan or programme officer."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("E-mails and notifications are sent in this language."),
    )
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmed"), null=True, blank=True,
        help_text=_("When the person proved they receive mail at this address; empty until then."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]


class StatusChange(models.Model):
    """One recorded status change: who, when, from what, to what, why. Subclasses add the
    object it belongs to and give ``from_status``/``to_status`` their choices."""

    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class OutboxMessage(models.Model):
    """A task to run, recorded in the same transaction as the change that asks for it.

    The relay hands pending messages to the broker; a message the broker lost (Redis restarted,
    a worker died) is handed over again, so every task run from here must be idempotent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent to a worker")
        PUBLISHED = "published", _("With a worker")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    queue = models.CharField(_("queue"), max_length=50)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    publish_attempts = models.PositiveSmallIntegerField(_("publish attempts"), default=0)
    attempts = models.PositiveSmallIntegerField(
        _("runs"), default=0, help_text=_("How many times a worker started this task.")
    )
    available_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("sent to a worker"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"


class Notification(models.Model):
    """Something the platform tells a person: shown in their account and sent by e-mail.

    The e-mail address and language are fixed when the notification is recorded, so a guest
    (no account) can be notified and a later change of address does not re-route old messages.
    Delivery state lives here: the e-mail task sends only while ``email_status`` is not sent.
    """

    class Kind(models.TextChoices):
        ACCOUNT_WELCOME = "account_welcome", _("Welcome")
        ACCOUNT_CONFIRM_EMAIL = "account_confirm_email", _("Confirm e-mail address")
        ACCOUNT_PASSWORD_RESET = "account_password_reset", _("Password reset")
        ACCOUNT_EMAIL_CHANGED = "account_email_changed", _("E-mail address changed")
        COOPERATIVE_SUBMITTED = "cooperative_submitted", _("Cooperative application received")
        COOPERATIVE_VERIFIED = "cooperative_verified", _("Cooperative verified")
        COOPERATIVE_CHANGES_REQUESTED = "cooperative_changes_requested", _("Cooperative: changes requested")
        COOPERATIVE_REJECTED = "cooperative_rejected", _("Cooperative rejected")
        MEMBERSHIP_INVITATION = "membership_invitation", _("Invitation to join a cooperative")
        LISTING_APPROVED = "listing_approved", _("Listing approved")
        LISTING_CHANGES_REQUESTED = "listing_changes_requested", _("Listing: changes requested")
        LISTING_REJECTED = "listing_rejected", _("Listing rejected")
        ORDER_NEW_FOR_SELLER = "order_new_for_seller", _("New order (seller)")
        ORDER_CONFIRMATION = "order_confirmation", _("Order confirmation")
        ORDER_STATUS_CHANGED = "order_status_changed", _("Order status changed")
        ORDER_PAID = "order_paid", _("Payment received")
        SHIPMENT_CANCELLED_FOR_SELLER = "shipment_cancelled_for_seller", _("Order cancelled (seller)")
        REVIEW_NEW_FOR_SELLER = "review_new_for_seller", _("New review (seller)")
        REVIEW_REPLIED = "review_replied", _("The producer replied to your review")
        GRADE_RECORDED = "grade_recorded", _("Grade recorded")
        GRADE_EXPIRING = "grade_expiring", _("Grade expiring soon")
        GRADE_EXPIRED = "grade_expired", _("Grade expired")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="notifications",
    )
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    context = models.JSONField(_("context"), default=dict, encoder=DjangoJSONEncoder)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_last_error = models.TextField(_("last e-mail error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(condition=~Q(email=""), name="notification_has_address"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
            models.Index(fields=["email_status"], name="notification_email_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.email}"

    @property
    def title(self) -> str:
        """The one-line summary (the e-mail subject) in the active language."""
        from .notifications import notification_subject

        return notification_subject(self)

    @property
    def link(self) -> str:
        """Where the notification points, as a path in the active language ("" for nowhere)."""
        from .notifications import notification_link

        return notification_link(self)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class AuditEntry(models.Model):
    """One officer or on-behalf decision, kept for accountability: who, when, what, on which
    object, the values before and after, and why. Written by ``ovop_market.audit.audit_record``
    in the transaction of the change it records; never edited or deleted through the site."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=60, help_text=_('e.g. "product.approve"'))
    target_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("object type"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=250, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)
    on_behalf = models.BooleanField(
        _("on a cooperative's behalf"), default=False,
        help_text=_("An officer acted for a cooperative they are not a member of."),
    )
    # Whom the entry concerns, for officers' regional scope (``ovop_market.officers``).
    cooperative = models.ForeignKey(
        "sellers.Cooperative", verbose_name=_("cooperative"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    region_path = models.CharField(
        _("region"), max_length=400, blank=True, help_text=_("The region's path, for an entry about a region."),
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx"),
            models.Index(fields=["action", "-created_at"], name="audit_action_idx"),
            models.Index(fields=["by", "-created_at"], name="audit_by_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} — {self.target_repr}"


class DecisionReason(models.Model):
    """A reusable reason an officer picks when deciding on a listing or an application; the text
    is copied into the decision (and may be completed by hand), so editing a template later does
    not change past decisions."""

    class AppliesTo(models.TextChoices):
        PRODUCT = "product", _("Listings")
        COOPERATIVE = "cooperative", _("Cooperative applications")

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text the artisan reads"))
    applies_to = models.CharField(_("used for"), max_length=20, choices=AppliesTo.choices)
    active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("decision reason")
        verbose_name_plural = _("decision reasons")
        ordering = ("applies_to", "position", "title")

    def __str__(self) -> str:
        return self.title


# --- the officers' queues ---------------------------------------------------------------------------
# Proxies give the moderation and verification queues their own admin pages, filters and actions.
# They live here because only this app's migrations are the officers' tooling's to write; the
# imports come last because catalog.models and sellers.models import StatusChange from this module
# (Django imports this app's models first: it is listed before them in INSTALLED_APPS).
from catalog.models import Product  # noqa: E402
from sellers.models import Cooperative  # noqa: E402


class ListingToReview(Product):
    """A listing in the moderation queue: a submitted product, or an approved one with changes
    to its story or photos waiting (a pending ``ProductRevision``)."""

    class Meta:
        proxy = True
        verbose_name = _("listing to review")
        verbose_name_plural = _("listings to review")


class ApplicationToVerify(Cooperative):
    """A cooperative application waiting for verification."""

    class Meta:
        proxy = True
        verbose_name = _("application to verify")
        verbose_name_plural = _("applications to verify")
