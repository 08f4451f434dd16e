"""A provincial officer sees and acts only on their regions' cooperatives, products, revisions and
documents, and on grades of their programmes there; superusers see everything; staff without a
scope see nothing of them."""
import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.grading import grade_record
from catalog.models import Grade, OfficerScope, Product, ProductRevision, Region
from sellers.models import Cooperative, CooperativeDocument
from tests.conftest import login_officer
from tests.factories import (
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProductImageFactory,
    ProgrammeFactory,
    RegionFactory,
    UserFactory,
)
from tests.sellers.helpers import pdf_upload

pytestmark = pytest.mark.django_db

OFFICER_PERMISSIONS = [
    "view_product", "change_product", "add_product", "view_productimage", "change_productimage",
    "view_productrevision", "change_productrevision", "view_grade", "add_grade", "delete_grade",
    "view_cooperative", "change_cooperative",
]


def officer_with(*, regions=(), programmes=(), superuser=False):
    user = UserFactory(is_staff=True, is_superuser=superuser)
    user.user_permissions.set(Permission.objects.filter(codename__in=OFFICER_PERMISSIONS))
    if regions or programmes:
        scope = OfficerScope.objects.create(user=user)
        scope.regions.set(regions)
        scope.programmes.set(programmes)
    return user


@pytest.fixture
def world():
    """Two provinces, each with a cooperative, a product with a photo, a pending revision, a
    document and grades under two programmes."""
    ocop, otop = ProgrammeFactory(code="OCOP"), ProgrammeFactory(code="OTOP")
    ocop_four = GradeLevelFactory(programme=ocop, code="4", rank=4)
    otop_a = GradeLevelFactory(programme=otop, code="A", rank=4)
    objects = {"ocop": ocop, "otop": otop, "ocop_level": ocop_four}
    for side, name in (("in", "Hà Nội"), ("out", "Huế")):
        province = RegionFactory(kind=Region.Kind.PROVINCE, name=name, slug=f"province-{side}")
        district = RegionFactory(kind=Region.Kind.DISTRICT, parent=province, slug=f"district-{side}")
        village = RegionFactory(parent=district, slug=f"village-{side}")
        cooperative = CooperativeFactory(village=village, name=f"Cooperative {side}")
        product = ProductFactory(cooperative=cooperative, name=f"Bowl {side}")
        objects[side] = {
            "province": province, "district": district, "cooperative": cooperative, "product": product,
            "image": ProductImageFactory(product=product),
            "revision": ProductRevision.objects.create(product=product, data={"summary": f"New summary {side}"}),
            "document": CooperativeDocument.objects.create(
                cooperative=cooperative, kind=CooperativeDocument.Kind.REGISTRATION, file=pdf_upload(),
                content_type="application/pdf"),
            "grade": GradeFactory(product=product, level=ocop_four, certificate_number=f"OCOP-{side}"),
            "otop_grade": GradeFactory(product=product, level=otop_a, certificate_number=f"OTOP-{side}"),
        }
    return objects


@pytest.fixture
def provincial(world):
    return officer_with(regions=[world["in"]["province"]], programmes=[world["ocop"]])


def change_urls(side):
    return {
        "product": reverse("admin:catalog_product_change", args=[side["product"].pk]),
        "image": reverse("admin:catalog_productimage_change", args=[side["image"].pk]),
        "revision": reverse("admin:catalog_productrevision_change", args=[side["revision"].pk]),
        "grade": reverse("admin:catalog_grade_change", args=[side["grade"].pk]),
        "cooperative": reverse("admin:sellers_cooperative_change", args=[side["cooperative"].pk]),
        "product delete": reverse("admin:catalog_product_delete", args=[side["product"].pk]),
        "grade delete": reverse("admin:catalog_grade_delete", args=[side["grade"].pk]),
        "product history": reverse("admin:catalog_product_history", args=[side["product"].pk]),
    }


CHANGELISTS = {
    "admin:catalog_product_changelist": ("Bowl in", "Bowl out"),
    "admin:sellers_cooperative_changelist": ("Cooperative in", "Cooperative out"),
    "admin:catalog_grade_changelist": ("OCOP-in", "OCOP-out"),
    "admin:catalog_productrevision_changelist": ("Bowl in", "Bowl out"),
}


def test_changelists_show_only_the_officers_regions(client, world, provincial):
    login_officer(client, provincial)
    for name, (inside, outside) in CHANGELISTS.items():
        page = client.get(reverse(name)).content.decode()
        assert inside in page and outside not in page, name
    grades = client.get(reverse("admin:catalog_grade_changelist")).content.decode()
    assert "OTOP-in" not in grades  # not one of their programmes
    # A search or a filter does not reach past the scope either.
    found = client.get(reverse("admin:catalog_product_changelist"), {"q": "Bowl"}).content.decode()
    assert "Bowl in" in found and "Bowl out" not in found


def test_pages_outside_the_scope_answer_404(client, world, provincial):
    login_officer(client, provincial)
    for what, url in change_urls(world["in"]).items():
        # Officers are not given the right to delete products at all.
        assert client.get(url).status_code == (403 if what == "product delete" else 200), what
    for what, url in change_urls(world["out"]).items():
        assert client.get(url).status_code == (403 if what == "product delete" else 404), what
    assert client.post(change_urls(world["out"])["product delete"], {"post": "yes"}).status_code == 403
    assert client.post(change_urls(world["out"])["grade delete"], {"post": "yes"}).status_code == 404
    assert Product.objects.filter(pk=world["out"]["product"].pk).exists()
    assert Grade.objects.filter(pk=world["out"]["grade"].pk).exists()
    # A grade of another programme in their own province is not theirs either.
    other = reverse("admin:catalog_grade_change", args=[world["in"]["otop_grade"].pk])
    assert client.get(other).status_code == 404


def test_editing_outside_the_scope_is_refused(client, world, provincial):
    login_officer(client, provincial)
    decide = reverse("admin:sellers_cooperative_decide", args=[world["out"]["cooperative"].pk])
    Cooperative.objects.filter(pk=world["out"]["cooperative"].pk).update(verification_status="pending")
    assert client.get(decide).status_code in (403, 404)
    assert client.post(decide, {"decision": "verified"}).status_code in (403, 404)
    assert Cooperative.objects.get(pk=world["out"]["cooperative"].pk).verification_status == "pending"


def test_bulk_actions_act_only_within_the_scope(client, world, provincial):
    login_officer(client, provincial)
    revisions = [world["in"]["revision"].pk, world["out"]["revision"].pk]
    client.post(reverse("admin:catalog_productrevision_changelist"),
                {"action": "approve", "_selected_action": revisions})
    assert ProductRevision.objects.get(pk=revisions[0]).status == ProductRevision.Status.APPROVED
    assert ProductRevision.objects.get(pk=revisions[1]).status == ProductRevision.Status.PENDING

    grades = [world["in"]["grade"].pk, world["out"]["grade"].pk, world["in"]["otop_grade"].pk]
    client.post(reverse("admin:catalog_grade_changelist"),
                {"action": "delete_selected", "_selected_action": grades, "post": "yes"})
    assert set(Grade.objects.filter(pk__in=grades).values_list("pk", flat=True)) == set(grades[1:])


def test_an_officer_grades_only_their_products_under_their_programmes(client, world, provincial):
    login_officer(client, provincial)
    url = reverse("admin:catalog_grade_add")
    form = {"programme": world["ocop"].pk, "level": world["ocop_level"].pk, "issuing_level": "province",
            "issued_on": "2026-04-01"}
    outside = client.post(url, {**form, "product": world["out"]["product"].pk, "certificate_number": "A-1"})
    assert outside.status_code == 200 and "errorlist" in outside.content.decode()
    other_programme = client.post(url, {**form, "product": world["in"]["product"].pk, "certificate_number": "A-2",
                                        "programme": world["otop"].pk})
    assert other_programme.status_code == 200 and "errorlist" in other_programme.content.decode()
    inside = client.post(url, {**form, "product": world["in"]["product"].pk, "certificate_number": "A-3"})
    assert inside.status_code == 302
    assert Grade.objects.filter(certificate_number="A-3").exists()
    # The service refuses too, whoever calls it.
    with pytest.raises(ValidationError):
        grade_record(product=world["out"]["product"], programme=world["ocop"], level=world["ocop_level"], scores=None,
                     issuing_level="province", certificate_number="A-4", issued_on=datetime.date(2026, 4, 1),
                     by=provincial)


def test_a_product_cannot_be_moved_to_a_cooperative_outside_the_scope(client, world, provincial):
    login_officer(client, provincial)
    product = world["in"]["product"]
    page = client.get(reverse("admin:catalog_product_change", args=[product.pk])).content.decode()
    assert "Bowl in" in page
    response = client.post(reverse("admin:catalog_product_add"), {
        "name": "Smuggled", "slug": "smuggled", "cooperative": world["out"]["cooperative"].pk,
        "category": product.category_id, "origin": world["out"]["cooperative"].village_id, "price": "10",
        "stock": "1", "weight_grams": "100",
    })
    assert response.status_code == 200 and not Product.objects.filter(slug="smuggled").exists()


def test_document_download_respects_the_scope(client, world, provincial):
    login_officer(client, provincial)
    inside = reverse("sellers:document_download", kwargs={"pk": world["in"]["document"].pk})
    outside = reverse("sellers:document_download", kwargs={"pk": world["out"]["document"].pk})
    assert client.get(inside).status_code == 200
    assert client.get(outside).status_code == 404


def test_a_new_village_application_counts_by_its_district(client, world, provincial):
    application = CooperativeFactory(village=None, proposed_village_name="Làng Mới",
                                     proposed_village_district=world["in"]["district"], name="New village coop")
    elsewhere = CooperativeFactory(village=None, proposed_village_name="Làng Xa",
                                   proposed_village_district=world["out"]["district"], name="Far village coop")
    login_officer(client, provincial)
    page = client.get(reverse("admin:sellers_cooperative_changelist")).content.decode()
    assert application.name in page and elsewhere.name not in page


def test_a_superuser_sees_everything(client, world):
    login_officer(client, officer_with(superuser=True))
    for name, (inside, outside) in CHANGELISTS.items():
        page = client.get(reverse(name)).content.decode()
        assert inside in page and outside in page, name
    for url in change_urls(world["out"]).values():
        assert client.get(url).status_code == 200, url


def test_staff_without_a_scope_see_nothing_until_given_one(client, world):
    staff = officer_with()
    login_officer(client, staff)
    for name, (inside, outside) in CHANGELISTS.items():
        page = client.get(reverse(name)).content.decode()
        assert inside not in page and outside not in page, name
    assert client.get(change_urls(world["in"])["product"]).status_code == 404
    document = reverse("sellers:document_download", kwargs={"pk": world["in"]["document"].pk})
    assert client.get(document).status_code == 404


def test_only_superusers_edit_scopes(client, world, provincial):
    login_officer(client, provincial)
    assert client.get(reverse("admin:catalog_officerscope_changelist")).status_code == 403
    superuser = officer_with(superuser=True)
    login_officer(client, superuser)
    page = client.get(reverse("admin:catalog_officerscope_change", args=[provincial.officer_scope.pk]))
    assert page.status_code == 200


def test_the_moderation_and_verification_queues_keep_to_the_scope(client, world, provincial):
    Cooperative.objects.filter(pk__in=[world["in"]["cooperative"].pk, world["out"]["cooperative"].pk]).update(
        verification_status=Cooperative.Verification.PENDING)
    login_officer(client, provincial)
    listings = client.get(reverse("admin:ovop_market_listingtoreview_changelist")).content.decode()
    assert "Bowl in" in listings and "Bowl out" not in listings
    outside = reverse("admin:ovop_market_listingtoreview_change", args=[world["out"]["product"].pk])
    assert client.get(outside, follow=True).status_code in (200, 404)
    assert "Bowl out" not in client.get(outside, follow=True).content.decode()
    applications = client.get(reverse("admin:ovop_market_applicationtoverify_changelist")).content.decode()
    assert "Cooperative in" in applications and "Cooperative out" not in applications
    application = reverse("admin:ovop_market_applicationtoverify_change", args=[world["out"]["cooperative"].pk])
    assert "Cooperative out" not in client.get(application, follow=True).content.decode()
