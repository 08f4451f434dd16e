"""Grading: an officer records a product's certificate under a programme, separate from moderation.

Where the programme has a scoring rubric (OCOP: community 40, marketing 25, quality 35 out of 100)
the level follows from the total: the best level whose minimum score the total reaches. Grades
stop counting on their expiry date by themselves (``catalog.selectors.grades_active``); the daily
task only tells the cooperative, 30 days before and once expired, each once.
"""
import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ovop_market.audit import audit_record
from ovop_market.models import Notification
from ovop_market.officers import officer_may_grade
from sellers.services import cooperative_notify

from .models import Grade, GradeLevel, Product, Programme

EXPIRY_WARNING_DAYS = 30
# Grades that expired longer ago than this when the task first sees them are marked without a
# notice: telling a cooperative about a certificate that lapsed last year helps nobody.
EXPIRY_NOTICE_GRACE_DAYS = 30
BATCH_SIZE = 500


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, on the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def grade_scores_check(*, programme: Programme, scores: dict | None) -> dict:
    """The rubric scores as whole numbers, each within its criterion's maximum; raises
    ``ValidationError`` (keyed by criterion) otherwise. Empty for a programme without a rubric."""
    rubric = programme.rubric or []
    scores = {key: value for key, value in (scores or {}).items() if value not in (None, "")}
    if not rubric:
        if scores:
            raise ValidationError(
                _("%(programme)s has no scoring rubric: choose the level directly.")
                % {"programme": programme.code}, code="no_rubric",
            )
        return {}
    errors, checked = {}, {}
    known = {criterion["key"] for criterion in rubric}
    for key in sorted(set(scores) - known):
        errors[key] = _("%(key)s is not a criterion of %(programme)s.") % {"key": key, "programme": programme.code}
    for criterion in rubric:
        key, maximum, label = criterion["key"], int(criterion["max"]), criterion.get("label", criterion["key"])
        value = scores.get(key)
        if value is None:
            errors[key] = _("Give the score for “%(label)s” (0 to %(max)d).") % {"label": label, "max": maximum}
            continue
        try:
            number = int(value)
            if number != value and str(number) != str(value).strip():
                raise ValueError
        except (TypeError, ValueError):
            errors[key] = _("The score for “%(label)s” must be a whole number.") % {"label": label}
            continue
        if not 0 <= number <= maximum:
            errors[key] = _("The score for “%(label)s” must be between 0 and %(max)d; %(value)s was given.") % {
                "label": label, "max": maximum, "value": number}
            continue
        checked[key] = number
    if errors:
        raise ValidationError(errors)
    return checked


def grade_level_for_total(*, programme: Programme, total: int) -> GradeLevel | None:
    """The best level of ``programme`` whose minimum score ``total`` reaches."""
    return (
        programme.levels.filter(min_score__isnull=False, min_score__lte=total).order_by("-rank", "-min_score").first()
    )


def grade_level_decide(*, programme: Programme, level: GradeLevel | None, scores: dict | None):
    """The level a grade gets, its checked scores and their total (None without a rubric).

    With a rubric the total decides; a level given by hand must agree with it. Without one the
    level is required. Raises ``ValidationError`` keyed by field (or criterion) with the reason.
    """
    if level is not None and level.programme_id != programme.pk:
        raise ValidationError({"level": _("%(level)s is not a level of %(programme)s.") % {
            "level": level.name, "programme": programme.code}}, code="wrong_programme")
    checked = grade_scores_check(programme=programme, scores=scores)
    if not programme.rubric:
        if level is None:
            raise ValidationError({"level": _("Choose the level on %(programme)s's scale.") % {
                "programme": programme.code}}, code="level_required")
        return level, checked, None
    total = sum(checked.values())
    computed = grade_level_for_total(programme=programme, total=total)
    if computed is None:
        raise ValidationError(
            _("No level of %(programme)s starts at %(total)d points: check the scale's minimum scores.")
            % {"programme": programme.code, "total": total}, code="no_level",
        )
    if level is not None and level.pk != computed.pk:
        raise ValidationError({"level": _(
            "The scores add up to %(total)d points, which is %(computed)s under %(programme)s, "
            "not %(chosen)s. Leave the level empty to take it from the scores."
        ) % {"total": total, "computed": computed.name, "programme": programme.code, "chosen": level.name}},
            code="level_disagrees")
    return computed, checked, total


@transaction.atomic
def grade_record(*, product: Product, programme: Programme, level: GradeLevel | None = None,
                 scores: dict | None, issuing_level: str, certificate_number: str, issued_on: datetime.date,
                 expires_on: datetime.date | None = None, evidence=None, by) -> Grade:
    """Record ``product``'s grade under ``programme`` and tell the cooperative.

    With a rubric, the scores decide the level: a level chosen by hand that disagrees is refused.
    Without one, the level is required. The expiry defaults to the programme's validity. A scoped
    officer grades only products of their regions under their programmes.
    """
    if by is not None and not officer_may_grade(user=by, product=product, programme=programme):
        raise ValidationError(
            _("You can grade only products of your regions under your programmes."), code="out_of_scope"
        )
    level, checked, total = grade_level_decide(programme=programme, level=level, scores=scores)
    valid_issuing_levels = {choice for choice, _label in Grade.IssuingLevel.choices}
    if issuing_level not in valid_issuing_levels:
        raise ValidationError({"issuing_level": _("Choose where the certificate was issued.")}, code="issuing_level")
    if expires_on is None and programme.validity_months:
        expires_on = add_months(issued_on, programme.validity_months)
    if expires_on is not None and expires_on < issued_on:
        raise ValidationError({"expires_on": _("A certificate cannot expire before it is issued.")},
                              code="expires_before_issue")
    certificate_number = (certificate_number or "").strip()
    if certificate_number and Grade.objects.filter(programme=programme, certificate_number=certificate_number).exists():
        raise ValidationError({"certificate_number": _(
            "Certificate %(number)s of %(programme)s is already recorded.") % {
            "number": certificate_number, "programme": programme.code}}, code="duplicate_certificate")
    grade = Grade(
        product=product, programme=programme, level=level, issuing_level=issuing_level,
        certificate_number=certificate_number, issued_on=issued_on, expires_on=expires_on, scores=checked,
        total_score=total, graded_by=by if getattr(by, "pk", None) else None,
    )
    if evidence:
        grade.evidence = evidence
    try:
        with transaction.atomic():
            grade.save()
    except IntegrityError:
        raise ValidationError({"certificate_number": _("This certificate number is already recorded.")},
                              code="duplicate_certificate") from None
    audit_record(by=by, action="grade.record", target=grade, after=_grade_values(grade))
    _notify(grade, Notification.Kind.GRADE_RECORDED)
    return grade


def _grade_values(grade: Grade) -> dict:
    return {
        "product": grade.product_id, "programme": grade.programme.code, "level": grade.level.name,
        "scores": grade.scores, "total_score": grade.total_score, "issuing_level": grade.issuing_level,
        "certificate_number": grade.certificate_number, "issued_on": grade.issued_on.isoformat(),
        "expires_on": grade.expires_on.isoformat() if grade.expires_on else None,
        "evidence": grade.evidence.name if grade.evidence else "",
    }


def _notify(grade: Grade, kind: str) -> None:
    product = grade.product
    context = {
        "product": product.name, "product_id": product.pk, "cooperative": product.cooperative.name,
        "programme": grade.programme.code, "level": grade.level.name, "grade_id": grade.pk,
        "expires_on": grade.expires_on,
    }
    if product.status == Product.Status.APPROVED:
        context["link"] = {"name": "catalog:product_detail", "kwargs": {"slug": product.slug}}
    cooperative_notify(cooperative=product.cooperative, kind=kind, context=context)


def _due_batches(queryset):
    """Lock and hand out ``queryset``'s rows in pk order, a batch per transaction; a second worker
    running the same task skips the rows the first holds, so nobody is told twice."""
    while True:
        with transaction.atomic():
            batch = list(
                queryset.select_for_update(skip_locked=True, of=("self",))
                .select_related("product__cooperative", "programme", "level").order_by("pk")[:BATCH_SIZE]
            )
            if not batch:
                return
            yield batch


def grades_expire_due(*, today: datetime.date | None = None) -> int:
    """Tell each cooperative once that a grade expired (it has already stopped showing: badges and
    filters count only unexpired grades). Returns how many grades were newly marked expired."""
    today = today or timezone.localdate()
    count = 0
    due = Grade.objects.filter(expires_on__lt=today, expired_noticed_at__isnull=True)
    for batch in _due_batches(due):
        now = timezone.now()
        for grade in batch:
            if grade.expires_on >= today - datetime.timedelta(days=EXPIRY_NOTICE_GRACE_DAYS):
                _notify(grade, Notification.Kind.GRADE_EXPIRED)
            audit_record(by=None, action="grade.expire", target=grade,
                         before={"expires_on": grade.expires_on.isoformat()}, after={"active": False})
        Grade.objects.filter(pk__in=[grade.pk for grade in batch]).update(expired_noticed_at=now)
        count += len(batch)
    return count


def grades_warn_expiring(*, today: datetime.date | None = None, days: int = EXPIRY_WARNING_DAYS) -> int:
    """Warn each cooperative, once per grade, that a grade expires within ``days``. Returns how many
    warnings were sent."""
    today = today or timezone.localdate()
    count = 0
    due = Grade.objects.filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days), expiry_warned_at__isnull=True,
    )
    for batch in _due_batches(due):
        for grade in batch:
            _notify(grade, Notification.Kind.GRADE_EXPIRING)
        Grade.objects.filter(pk__in=[grade.pk for grade in batch]).update(expiry_warned_at=timezone.now())
        count += len(batch)
    return count


@transaction.atomic
def grade_delete(*, grade: Grade, by, reason: str = "") -> None:
    """Remove a grade recorded in error (a correction is a new grade), keeping its values in the
    audit trail. The badge goes with it."""
    if by is not None and not officer_may_grade(user=by, product=grade.product, programme=grade.programme):
        raise ValidationError(_("You can remove only grades of your regions and programmes."), code="out_of_scope")
    audit_record(by=by, action="grade.delete", target=grade, before=_grade_values(grade), reason=reason)
    grade.delete()
