"""Cooperative writes: applications, verification (one transition table), members, makers,
documents and invitations. Every function says who acts; an officer acting for a cooperative
they do not belong to is recorded as acting on its behalf."""
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ovop_market.audit import audit_record
from ovop_market.models import Notification, User
from ovop_market.services import notification_send
from ovop_market.workflow import status_transition

from .models import (
    Cooperative,
    CooperativeDocument,
    CooperativeEdit,
    CooperativeStatusChange,
    Maker,
    Membership,
    MembershipInvitation,
    account_number_mask,
)
from .selectors import may_act_for

Verification = Cooperative.Verification

COOPERATIVE_TRANSITIONS = {
    Verification.DRAFT: {Verification.PENDING},
    Verification.PENDING: {Verification.VERIFIED, Verification.CHANGES_REQUESTED, Verification.REJECTED},
    Verification.CHANGES_REQUESTED: {Verification.PENDING},
    Verification.VERIFIED: {Verification.SUSPENDED},
    Verification.SUSPENDED: {Verification.VERIFIED},
    Verification.REJECTED: {Verification.PENDING},
}

# The audit trail's action codes for the officers' decisions (an on-behalf submission is recorded too).
VERIFICATION_ACTIONS = {
    Verification.VERIFIED: "cooperative.verify",
    Verification.CHANGES_REQUESTED: "cooperative.request_changes",
    Verification.REJECTED: "cooperative.reject",
    Verification.SUSPENDED: "cooperative.suspend",
}

# The officer's decisions the cooperative is told about, with the reason.
VERIFICATION_DECISIONS = {
    Verification.VERIFIED: Notification.Kind.COOPERATIVE_VERIFIED,
    Verification.CHANGES_REQUESTED: Notification.Kind.COOPERATIVE_CHANGES_REQUESTED,
    Verification.REJECTED: Notification.Kind.COOPERATIVE_REJECTED,
}


@transaction.atomic
def cooperative_set_status(*, cooperative: Cooperative, to: str, by=None, reason: str = "",
                           on_behalf: bool = False) -> Cooperative:
    """Apply one verification status change under a row lock and record who made it and why
    (``on_behalf``: an officer made it for the cooperative, e.g. submitting an application they filed)."""
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    extra = {}
    if to == Verification.VERIFIED:
        if locked.village_id is None:
            raise ValidationError(
                _("Set the cooperative's village before verifying it (add a proposed village to the regions first)."),
                code="village_required",
            )
        from .verification import documents_blocking_verification

        expired = documents_blocking_verification(cooperative=locked)
        if expired:
            raise ValidationError(
                _("Cannot verify: %(documents)s expired. Ask the cooperative to upload the current one."),
                code="document_expired", params={"documents": ", ".join(
                    _("%(kind)s (on %(date)s)") % {"kind": d.get_kind_display(), "date": d.expires_on.isoformat()}
                    for d in expired)},
            )
        locked.verified_at = timezone.now()
        extra["update_fields"] = ["verified_at"]
    before_status = locked.verification_status
    status_transition(
        instance=locked, field="verification_status", to=to, allowed=COOPERATIVE_TRANSITIONS,
        history=CooperativeStatusChange, by=by, reason=reason, cooperative=locked, on_behalf=on_behalf, **extra,
    )
    action = VERIFICATION_ACTIONS.get(to) or ("on_behalf.cooperative_submit" if on_behalf else None)
    if action:
        audit_record(by=by, action=action, target=locked, before={"verification_status": before_status},
                     after={"verification_status": to, "village": locked.village_id}, reason=reason,
                     on_behalf=on_behalf)
    if to in VERIFICATION_DECISIONS:
        context = {"cooperative": locked.name, "cooperative_id": locked.pk, "reason": reason}
        if to == Verification.VERIFIED:
            context["link"] = {"name": "catalog:producer", "kwargs": {"slug": locked.slug}}
        else:  # the application, where the reason is shown and it can be fixed and sent again
            context["link"] = _application_link(locked)
        cooperative_notify(cooperative=locked, kind=VERIFICATION_DECISIONS[to], context=context)
    cooperative.verification_status, cooperative.verified_at = locked.verification_status, locked.verified_at
    return cooperative


def cooperative_notify(*, cooperative: Cooperative, kind: str, context: dict) -> Notification | None:
    """Tell a cooperative something, in its transaction: by e-mail to its contact address, and in
    the account of the user with that address if there is one. Nothing is sent without an address.
    (Memberships will notify the cooperative's owners instead.)
    """
    if not cooperative.contact_email:
        return None
    user = User.objects.filter(email__iexact=cooperative.contact_email).first()
    return notification_send(kind=kind, context=context, user=user, email=cooperative.contact_email)


# --- applications -------------------------------------------------------------------------------

EDITABLE_STATUSES = (Verification.DRAFT, Verification.CHANGES_REQUESTED, Verification.REJECTED)
INVITATION_VALIDITY = timedelta(days=14)


def acts_on_behalf(*, cooperative: Cooperative, by) -> bool:
    """An officer who is not a member of ``cooperative`` acts on its behalf."""
    if by is None or not by.is_staff:
        return False
    return not Membership.objects.filter(cooperative=cooperative, user=by).exists()


def _unique_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "cooperative"
    slug = base
    while Cooperative.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


@transaction.atomic
def cooperative_application_start(*, by, kind: str, on_behalf: bool = False) -> Cooperative:
    """Open an application: a draft cooperative. The applicant becomes its owner; an officer who
    files it on a cooperative's behalf does not (the cooperative's people join by invitation)."""
    cooperative = Cooperative.objects.create(
        name="", slug=f"draft-{secrets.token_hex(8)}", kind=kind, applied_by=by,
        verification_status=Verification.DRAFT,
    )
    if not (on_behalf and by.is_staff):
        Membership.objects.create(cooperative=cooperative, user=by, role=Membership.Role.OWNER)
    CooperativeEdit.objects.create(cooperative=cooperative, by=by, on_behalf=on_behalf and by.is_staff, what="kind")
    if on_behalf and by.is_staff:
        audit_record(by=by, action="on_behalf.cooperative_application_start", target=cooperative,
                     after={"kind": kind}, on_behalf=True)
    return cooperative


@transaction.atomic
def cooperative_application_update(*, cooperative: Cooperative, by, step: str, fields: dict) -> Cooperative:
    """Save one step of an application (a draft, or one sent back for changes) and record who did."""
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    if locked.verification_status not in EDITABLE_STATUSES:
        raise ValidationError(_("This application has been sent for verification and cannot be changed now."),
                              code="not_editable")
    before = _audit_fields(locked, fields)
    for name, value in fields.items():
        setattr(locked, name, value)
    if "name" in fields:
        locked.slug = _unique_slug(locked.name, exclude_pk=locked.pk)
    if "village" in fields and fields["village"] is not None:
        locked.proposed_village_name, locked.proposed_village_district = "", None
    locked.full_clean(exclude=[field.name for field in Cooperative._meta.fields if field.name not in fields])
    locked.save()
    on_behalf = acts_on_behalf(cooperative=locked, by=by)
    CooperativeEdit.objects.create(cooperative=locked, by=by, on_behalf=on_behalf, what=step)
    if on_behalf:
        audit_record(by=by, action="on_behalf.cooperative_application_update", target=locked, before=before,
                     after=_audit_fields(locked, fields), reason=step,
                     on_behalf=True)
    for name in (*fields, "slug", "proposed_village_name", "proposed_village_district"):
        setattr(cooperative, name, getattr(locked, name))
    return cooperative


def _audit_fields(cooperative: Cooperative, names) -> dict:
    """Field values as the audit trail keeps them: related objects by id, the account number masked."""
    values = {}
    for name in names:
        value = getattr(cooperative, name)
        values[name] = account_number_mask(value) if name == "payout_account_number" else getattr(value, "pk", value)
    return values


def cooperative_application_missing(*, cooperative: Cooperative) -> list[str]:
    """The wizard steps still missing something required for submission, by step name."""
    missing = []
    if not cooperative.name.strip():
        missing.append("name")
    if cooperative.village_id is None and not (
        cooperative.proposed_village_name and cooperative.proposed_village_district_id
    ):
        missing.append("name")
    if cooperative.members_count < 1 or cooperative.founded_year is None:
        missing.append("members")
    if not cooperative.story.strip() or not (cooperative.contact_email or cooperative.contact_phone):
        missing.append("story")
    if not cooperative.documents.filter(kind=CooperativeDocument.Kind.REGISTRATION).exists():
        missing.append("documents")
    if not (cooperative.payout_account_holder and cooperative.payout_account_number):
        missing.append("payout")
    return list(dict.fromkeys(missing))


@transaction.atomic
def cooperative_application_submit(*, cooperative: Cooperative, by) -> Cooperative:
    """Send a complete application for verification (draft, changes requested or rejected → pending)."""
    missing = cooperative_application_missing(cooperative=cooperative)
    if missing:
        raise ValidationError(_("Some steps are not complete yet."), code="incomplete", params={"steps": missing})
    on_behalf = acts_on_behalf(cooperative=cooperative, by=by)
    reason = _("Submitted by officer %(officer)s on behalf of the cooperative.") % {"officer": by.email} \
        if on_behalf else ""
    cooperative_set_status(
        cooperative=cooperative, to=Verification.PENDING, by=by, reason=reason, on_behalf=on_behalf
    )
    # Applying is not a decision (cooperative_set_status stays silent); the applicant is told it arrived.
    cooperative_notify(cooperative=cooperative, kind=Notification.Kind.COOPERATIVE_SUBMITTED, context={
        "cooperative": cooperative.name, "cooperative_id": cooperative.pk, "reason": reason,
        "link": _application_link(cooperative),
    })
    return cooperative


def _application_link(cooperative: Cooperative) -> dict:
    return {"name": "sellers:onboarding_step", "kwargs": {"pk": cooperative.pk, "step": "review"}}


# --- the verified cooperative's profile ---------------------------------------------------------

# What a verified cooperative may change by itself; its name, type, village and payout details
# were checked by an officer and change only through one.
PROFILE_FIELDS = ("story", "contact_email", "contact_phone", "members_count", "women_members_count", "founded_year")


@transaction.atomic
def cooperative_profile_update(*, cooperative: Cooperative, by, story: str, contact_email: str,
                               contact_phone: str, members_count: int, women_members_count: int,
                               founded_year: int | None) -> Cooperative:
    """Update a verified cooperative's public profile, by an owner or an officer acting on its behalf;
    the change is recorded (``CooperativeEdit``, what="profile") only when something changed."""
    if not may_act_for(user=by, cooperative=cooperative, owner_only=True):
        raise PermissionDenied
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    if locked.verification_status != Verification.VERIFIED:
        raise ValidationError(_("Only a verified cooperative's profile can be changed here."), code="not_verified")
    values = {
        "story": story, "contact_email": contact_email, "contact_phone": contact_phone,
        "members_count": members_count, "women_members_count": women_members_count, "founded_year": founded_year,
    }
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    before = {name: getattr(locked, name) for name in changed}
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=[field.name for field in Cooperative._meta.fields if field.name not in values])
    if changed:
        locked.save(update_fields=changed)
        on_behalf = acts_on_behalf(cooperative=locked, by=by)
        CooperativeEdit.objects.create(cooperative=locked, by=by, on_behalf=on_behalf, what="profile")
        if on_behalf:
            audit_record(by=by, action="on_behalf.cooperative_profile_update", target=locked, before=before,
                         after={name: values[name] for name in changed}, on_behalf=True)
    for name in values:
        setattr(cooperative, name, getattr(locked, name))
    return cooperative


# --- the programme's register (officers' spreadsheet import) ------------------------------------

# What a programme office's register says about a cooperative it has already certified.
REGISTER_FIELDS = ("name", "kind", "village", "story", "founded_year", "members_count", "women_members_count",
                   "contact_email", "contact_phone", "programme_registrations")


@transaction.atomic
def cooperative_register_create(*, by, slug: str, fields: dict, reason: str) -> Cooperative:
    """Enter a cooperative from a programme's register: the programme has already checked it, so
    it is created and verified at once, through the transition table (draft → pending → verified),
    each step recorded as the officer's, on its behalf. Only staff may do this."""
    if not getattr(by, "is_staff", False):
        raise PermissionDenied
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise ValueError(f"not in the register: {sorted(unknown)}")
    cooperative = Cooperative(slug=slug or _unique_slug(fields.get("name", "")), applied_by=by,
                              verification_status=Verification.DRAFT, **fields)
    cooperative.full_clean(exclude=["slug"])
    cooperative.save()
    CooperativeEdit.objects.create(cooperative=cooperative, by=by, on_behalf=True, what="register import")
    cooperative_set_status(cooperative=cooperative, to=Verification.PENDING, by=by, reason=reason, on_behalf=True)
    return cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=by, reason=reason)


@transaction.atomic
def cooperative_register_update(*, cooperative: Cooperative, by, fields: dict) -> Cooperative:
    """Correct a cooperative's details from a programme's register (an officer, any status but
    the verification status, which changes only through ``cooperative_set_status``)."""
    if not getattr(by, "is_staff", False):
        raise PermissionDenied
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise ValueError(f"not in the register: {sorted(unknown)}")
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    before = _audit_fields(locked, fields)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=[field.name for field in Cooperative._meta.fields if field.name not in fields])
    locked.save(update_fields=list(fields))
    CooperativeEdit.objects.create(cooperative=locked, by=by, on_behalf=True, what="register import")
    audit_record(by=by, action="on_behalf.cooperative_register_update", target=locked, before=before,
                 after=_audit_fields(locked, fields), on_behalf=True)
    for name in fields:
        setattr(cooperative, name, getattr(locked, name))
    return cooperative


# --- documents ----------------------------------------------------------------------------------

@transaction.atomic
def cooperative_document_add(*, cooperative: Cooperative, by, kind: str, file, number: str = "",
                             issued_on=None, expires_on=None) -> CooperativeDocument:
    """Store a checked document (``sellers.documents.document_upload_check``) privately.
    A licence must not have expired."""
    from .documents import document_upload_check

    facts = document_upload_check(file)
    if kind in CooperativeDocument.LICENCES:
        if expires_on is None:
            raise ValidationError(_("A licence needs its expiry date."), code="expiry_required")
        if expires_on <= timezone.localdate():
            raise ValidationError(_("This licence has expired; upload the current one."), code="expired")
    document = CooperativeDocument(
        cooperative=cooperative, kind=kind, number=number, issued_on=issued_on, expires_on=expires_on,
        uploaded_by=by, content_type=facts.content_type, original_name=(getattr(file, "name", "") or "")[-200:],
    )
    document._extension = facts.extension
    document.file.save("document", file, save=False)
    document.save()
    on_behalf = acts_on_behalf(cooperative=cooperative, by=by)
    CooperativeEdit.objects.create(cooperative=cooperative, by=by, on_behalf=on_behalf, what=f"document added: {kind}")
    if on_behalf:
        audit_record(by=by, action="on_behalf.document_add", target=cooperative, after={
            "document": document.pk, "kind": kind, "number": number, "expires_on": expires_on,
        }, on_behalf=True)
    return document


@transaction.atomic
def cooperative_document_remove(*, document: CooperativeDocument, by) -> None:
    cooperative = document.cooperative
    name = document.file.name
    before = {"document": document.pk, "kind": document.kind, "number": document.number,
              "expires_on": document.expires_on}
    document.delete()
    on_behalf = acts_on_behalf(cooperative=cooperative, by=by)
    CooperativeEdit.objects.create(
        cooperative=cooperative, by=by, on_behalf=on_behalf, what=f"document removed: {document.kind}",
    )
    if on_behalf:
        audit_record(by=by, action="on_behalf.document_remove", target=cooperative, before=before, on_behalf=True)
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(name))


# --- members and invitations --------------------------------------------------------------------

@transaction.atomic
def membership_invite(*, cooperative: Cooperative, by, email: str, role: str) -> MembershipInvitation:
    """Invite ``email`` to join; the e-mail carries a one-time link valid for 14 days."""
    email = email.strip().lower()
    if Membership.objects.filter(cooperative=cooperative, user__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member."), code="already_member")
    invitation = MembershipInvitation.objects.create(
        cooperative=cooperative, email=email, role=role, invited_by=by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    link = settings.SITE_URL + reverse("sellers:invitation_accept", kwargs={"token": invitation.token})
    notification_send(
        kind=Notification.Kind.MEMBERSHIP_INVITATION,
        context={"cooperative": cooperative.name, "invited_by": str(by), "action_url": link},
        user=User.objects.filter(email__iexact=email).first(), email=email,
    )
    return invitation


@transaction.atomic
def membership_invitation_accept(*, token: str, user) -> Membership:
    """Join through an invitation: the link must be unused, unexpired, and opened by the account
    with the invited address."""
    invitation = MembershipInvitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or invitation.accepted_at is not None:
        raise ValidationError(_("This invitation link is not valid or has already been used."), code="invalid")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask for a new one."), code="expired")
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, _created = Membership.objects.get_or_create(
        cooperative=invitation.cooperative, user=user, defaults={"role": invitation.role}
    )
    return membership


def _owners_left_after(*, membership: Membership) -> int:
    # Lock every owner row (in primary-key order) so two owners cannot remove each other at once.
    owners = list(
        Membership.objects.select_for_update()
        .filter(cooperative_id=membership.cooperative_id, role=Membership.Role.OWNER).order_by("pk")
    )
    return len([owner for owner in owners if owner.pk != membership.pk])


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by) -> Membership:
    """Change a member's role; a cooperative always keeps at least one owner."""
    if membership.role == Membership.Role.OWNER and role != Membership.Role.OWNER \
            and _owners_left_after(membership=membership) == 0:
        raise ValidationError(_("A cooperative needs at least one owner."), code="last_owner")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Remove a member; the last owner cannot be removed."""
    if membership.role == Membership.Role.OWNER and _owners_left_after(membership=membership) == 0:
        raise ValidationError(_("A cooperative needs at least one owner."), code="last_owner")
    membership.delete()


# --- makers -------------------------------------------------------------------------------------

@transaction.atomic
def maker_save(*, cooperative: Cooperative, by, name: str, bio: str = "", maker: Maker | None = None) -> Maker:
    maker = maker or Maker(cooperative=cooperative)
    if maker.cooperative_id != cooperative.pk:
        raise PermissionDenied
    if Maker.objects.filter(cooperative=cooperative, name=name).exclude(pk=maker.pk).exists():
        raise ValidationError(_("A maker with this name is already listed."), code="duplicate")
    maker.name, maker.bio = name, bio
    maker.save()
    return maker


@transaction.atomic
def maker_remove(*, maker: Maker, by) -> None:
    maker.delete()


# --- a proposed new village -----------------------------------------------------------------------

@transaction.atomic
def cooperative_village_confirm(*, cooperative: Cooperative, by, name: str = "") -> Cooperative:
    """An officer adds the village an application proposes to the region tree, under the proposed
    district (``name`` corrects its spelling), and makes it the cooperative's village."""
    from catalog.services import region_village_add

    locked = _with_village_proposal(cooperative)
    village = region_village_add(district=locked.proposed_village_district,
                                 name=name.strip() or locked.proposed_village_name, by=by)
    return _cooperative_village_set(locked, cooperative, village=village, by=by, action="cooperative.village_confirm")


@transaction.atomic
def cooperative_village_merge(*, cooperative: Cooperative, village, by) -> Cooperative:
    """An officer finds that the proposed village is already in the region tree (another spelling):
    the cooperative gets that village and the proposal is dropped."""
    from catalog.models import Region

    locked = _with_village_proposal(cooperative)
    if village.kind != Region.Kind.VILLAGE:
        raise ValidationError(_("Choose a village, not a larger region."), code="not_a_village")
    return _cooperative_village_set(locked, cooperative, village=village, by=by, action="cooperative.village_merge")


def _with_village_proposal(cooperative: Cooperative) -> Cooperative:
    # Lock only the cooperative row: the district is read, not changed (and is an outer join).
    locked = Cooperative.objects.select_for_update(of=("self",)).select_related("proposed_village_district").get(
        pk=cooperative.pk)
    if not (locked.proposed_village_name and locked.proposed_village_district_id) or locked.village_id:
        raise ValidationError(_("This cooperative proposes no new village."), code="no_proposal")
    return locked


def _cooperative_village_set(locked: Cooperative, cooperative: Cooperative, *, village, by, action: str):
    before = {"village": None, "proposed_village_name": locked.proposed_village_name,
              "proposed_village_district": locked.proposed_village_district_id}
    locked.village = village
    locked.proposed_village_name, locked.proposed_village_district = "", None
    locked.save(update_fields=["village", "proposed_village_name", "proposed_village_district"])
    CooperativeEdit.objects.create(cooperative=locked, by=by, on_behalf=False, what="village")
    audit_record(by=by, action=action, target=locked, before=before,
                 after={"village": village.pk, "village_name": village.name, "village_path": village.path})
    cooperative.village = village
    cooperative.proposed_village_name, cooperative.proposed_village_district = "", None
    return cooperative
