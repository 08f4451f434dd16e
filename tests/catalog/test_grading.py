"""Grading: officers record a product's grade (the OCOP rubric decides the stars), grades expire by
themselves, the cooperative is told, and an expired grade stops showing and matching."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from catalog.grading import grade_record, grades_expire_due, grades_warn_expiring
from catalog.models import Grade
from catalog.tasks import grades_daily
from ovop_market.models import AuditEntry, Notification
from tests.conftest import login_officer
from tests.factories import (
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OCOP_RUBRIC = [
    {"key": "community", "label": "Product and community strength", "max": 40},
    {"key": "marketing", "label": "Marketing capacity", "max": 25},
    {"key": "quality", "label": "Product quality", "max": 35},
]


@pytest.fixture
def ocop():
    programme = ProgrammeFactory(code="OCOP", slug="ocop", validity_months=36, rubric=OCOP_RUBRIC)
    for stars, minimum in ((5, 90), (4, 70), (3, 50), (2, 30), (1, 0)):
        GradeLevelFactory(programme=programme, code=str(stars), name=f"{stars} stars", slug=f"ocop-{stars}",
                          rank=stars, min_score=minimum)
    return programme


@pytest.fixture
def otop():
    programme = ProgrammeFactory(code="OTOP", slug="otop", validity_months=None, rubric=[])
    GradeLevelFactory(programme=programme, code="A", name="Class A", slug="otop-a", rank=4)
    return programme


@pytest.fixture
def product():
    return ProductFactory(cooperative=CooperativeFactory(contact_email="coop@example.com"))


@pytest.fixture
def officer():
    return UserFactory(is_staff=True, is_superuser=True)


def record(product, programme, officer, **overrides):
    fields = {
        "product": product, "programme": programme, "level": None,
        "scores": {"community": 32, "marketing": 18, "quality": 24}, "issuing_level": "province",
        "certificate_number": "OCOP-HN-0001", "issued_on": datetime.date(2026, 3, 10), "by": officer,
    }
    fields.update(overrides)
    return grade_record(**fields)


def test_the_ocop_stars_follow_from_the_rubric_total(product, ocop, officer, django_capture_on_commit_callbacks):
    grade = record(product, ocop, officer)
    assert grade.total_score == 74 and grade.level.code == "4"
    assert grade.scores == {"community": 32, "marketing": 18, "quality": 24}
    assert grade.expires_on == datetime.date(2029, 3, 10)  # 36 months, the programme's validity
    assert grade.graded_by == officer

    audit = AuditEntry.objects.get(action="grade.record")
    assert audit.by == officer and audit.target_id == str(grade.pk)
    assert audit.after["level"] == "4 stars" and audit.after["total_score"] == 74

    notice = Notification.objects.get(kind=Notification.Kind.GRADE_RECORDED)
    assert notice.email == "coop@example.com"
    assert notice.context["programme"] == "OCOP" and notice.context["level"] == "4 stars"


def test_a_level_chosen_by_hand_must_agree_with_the_scores(product, ocop, officer):
    three = ocop.levels.get(code="3")
    with pytest.raises(ValidationError) as refused:
        record(product, ocop, officer, level=three)
    assert "74 points, which is 4 stars" in str(refused.value)
    four = ocop.levels.get(code="4")
    assert record(product, ocop, officer, level=four).level == four


@pytest.mark.parametrize("scores, message", [
    ({"community": 41, "marketing": 18, "quality": 24}, "between 0 and 40"),
    ({"community": -1, "marketing": 18, "quality": 24}, "between 0 and 40"),
    ({"community": 30, "marketing": 18}, "Give the score for “Product quality”"),
    ({"community": 30, "marketing": 18, "quality": 12.5}, "whole number"),
    ({"community": 30, "marketing": 18, "quality": 20, "price": 5}, "not a criterion"),
])
def test_scores_out_of_range_or_missing_are_refused(product, ocop, officer, scores, message):
    with pytest.raises(ValidationError) as refused:
        record(product, ocop, officer, scores=scores)
    assert message in str(refused.value)
    assert not Grade.objects.exists() and not AuditEntry.objects.filter(action="grade.record").exists()


def test_a_programme_without_rubric_takes_the_level_directly(product, otop, officer):
    with pytest.raises(ValidationError, match="Choose the level"):
        record(product, otop, officer, scores=None)
    with pytest.raises(ValidationError, match="no scoring rubric"):
        record(product, otop, officer, scores={"quality": 30}, level=otop.levels.get())
    grade = record(product, otop, officer, scores=None, level=otop.levels.get(), expires_on=None)
    assert grade.level.code == "A" and grade.total_score is None and grade.expires_on is None


def test_a_certificate_number_is_recorded_once_and_never_expires_before_issue(product, ocop, officer):
    record(product, ocop, officer)
    with pytest.raises(ValidationError, match="already recorded"):
        record(product, ocop, officer)
    with pytest.raises(ValidationError, match="before it is issued"):
        record(product, ocop, officer, certificate_number="OCOP-2", expires_on=datetime.date(2026, 1, 1))


def test_an_artisan_cannot_grade(product, ocop):
    with pytest.raises(ValidationError):
        record(product, ocop, UserFactory())


def test_expiry_removes_the_badge_and_the_grade_filter_match(client, product, ocop, officer):
    today = timezone.localdate()
    grade = record(product, ocop, officer, issued_on=today - datetime.timedelta(days=400),
                   expires_on=today + datetime.timedelta(days=1))
    page = reverse("catalog:product_detail", kwargs={"slug": product.slug})
    listing = reverse("catalog:product_list") + f"?grade={grade.level.slug}"
    assert "grade-badge__level" in client.get(page).content.decode()
    assert product.name in client.get(listing).content.decode()

    # The certificate's last day passes; the next daily run tells the cooperative, once.
    Grade.objects.filter(pk=grade.pk).update(expires_on=today - datetime.timedelta(days=1))
    assert grades_expire_due(today=today) == 1
    assert grades_expire_due(today=today) == 0
    assert Notification.objects.filter(kind=Notification.Kind.GRADE_EXPIRED).count() == 1
    assert AuditEntry.objects.filter(action="grade.expire", target_id=str(grade.pk)).exists()

    assert "grade-badge__level" not in client.get(page).content.decode()
    assert product.name not in client.get(listing).content.decode()
    assert client.get(reverse("catalog_api:product_detail", kwargs={"slug": product.slug})).json()["grades"] == []


def test_the_cooperative_is_warned_once_thirty_days_before_expiry(product, ocop, officer):
    today = timezone.localdate()
    soon = GradeFactory(product=product, level=ocop.levels.get(code="3"),
                        expires_on=today + datetime.timedelta(days=20))
    GradeFactory(product=product, level=ocop.levels.get(code="4"), expires_on=today + datetime.timedelta(days=200))
    assert grades_warn_expiring(today=today) == 1
    assert grades_warn_expiring(today=today) == 0
    warning = Notification.objects.get(kind=Notification.Kind.GRADE_EXPIRING)
    assert warning.context["grade_id"] == soon.pk and warning.email == "coop@example.com"


def test_the_daily_task_expires_and_warns(product, ocop):
    today = timezone.localdate()
    GradeFactory(product=product, level=ocop.levels.get(code="3"), issued_on=today - datetime.timedelta(days=900),
                 expires_on=today - datetime.timedelta(days=2))
    GradeFactory(product=product, level=ocop.levels.get(code="4"), expires_on=today + datetime.timedelta(days=5))
    assert grades_daily.apply().get() == {"expired": 1, "warned": 1}
    assert grades_daily.apply().get() == {"expired": 0, "warned": 0}


def test_grade_emails_render(product, ocop, officer, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from ovop_market.notifications import notification_email

    record(product, ocop, officer)
    message = notification_email(Notification.objects.get(kind=Notification.Kind.GRADE_RECORDED))
    assert "OCOP 4 stars" in message.subject and "valid until 2029-03-10" in message.body


# --- the grade page in admin --------------------------------------------------------------------------

def test_the_officer_records_a_grade_in_admin_with_rubric_scores(client, product, ocop, officer, tmp_path):
    login_officer(client, officer)
    url = reverse("admin:catalog_grade_add")
    page = client.get(url, {"product": product.pk}).content.decode()
    assert "OCOP: Product quality (0–35)" in page

    form = {
        "product": product.pk, "programme": ocop.pk, "level": "", "issuing_level": "province",
        "certificate_number": "OCOP-HN-0420", "issued_on": "2026-05-02", "expires_on": "",
        f"score_{ocop.pk}_community": "38", f"score_{ocop.pk}_marketing": "22", f"score_{ocop.pk}_quality": "36",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Ensure this value is less than or equal to 35" in refused.content.decode()
    assert 'value="OCOP-HN-0420"' in refused.content.decode()  # kept for the officer

    wrong_level = client.post(url, {**form, f"score_{ocop.pk}_quality": "30", "level": ocop.levels.get(code="3").pk})
    assert "which is 5 stars under OCOP" in wrong_level.content.decode()

    evidence = _pdf()
    response = client.post(url, {**form, f"score_{ocop.pk}_quality": "30", "evidence": evidence})
    assert response.status_code == 302, response.content.decode()[:3000]
    grade = Grade.objects.get()
    assert grade.level.code == "5" and grade.total_score == 90 and grade.evidence.name.endswith(".pdf")
    assert AuditEntry.objects.filter(action="grade.record", by=officer).exists()
    # A recorded certificate is shown, not edited.
    shown = client.get(reverse("admin:catalog_grade_change", args=[grade.pk]))
    assert shown.status_code == 200 and "OCOP-HN-0420" in shown.content.decode()


def test_evidence_must_be_a_pdf_or_photo(client, product, ocop, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login_officer(client, officer)
    response = client.post(reverse("admin:catalog_grade_add"), {
        "product": product.pk, "programme": ocop.pk, "level": "", "issuing_level": "province",
        "certificate_number": "X-1", "issued_on": "2026-05-02",
        f"score_{ocop.pk}_community": "30", f"score_{ocop.pk}_marketing": "20", f"score_{ocop.pk}_quality": "20",
        "evidence": SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf"),
    })
    assert response.status_code == 200 and "a program (executable)" in response.content.decode()
    assert not Grade.objects.exists()


def test_deleting_a_grade_in_admin_is_audited(client, product, ocop, officer):
    grade = record(product, ocop, officer)
    login_officer(client, officer)
    client.post(reverse("admin:catalog_grade_delete", args=[grade.pk]), {"post": "yes"})
    assert not Grade.objects.exists()
    assert AuditEntry.objects.get(action="grade.delete").before["certificate_number"] == "OCOP-HN-0001"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("certificate.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


def test_a_malformed_rubric_is_refused_in_admin(client, ocop, officer):
    login_officer(client, officer)
    url = reverse("admin:catalog_programme_change", args=[ocop.pk])
    form = {"name": ocop.name, "code": "OCOP", "slug": ocop.slug, "position": 1, "validity_months": 36,
            "rubric": '[{"key": "quality", "label": "Quality"}]',
            "levels-TOTAL_FORMS": 0, "levels-INITIAL_FORMS": 0}
    response = client.post(url, form)
    assert response.status_code == 200 and "whole maximum above 0" in response.content.decode()
    ocop.refresh_from_db()
    assert ocop.rubric == OCOP_RUBRIC
