"""The audit trail keeps to the officer's regions: an entry records the cooperative (or region) it
concerns, a provincial officer sees the entries about their regions and the ones they wrote,
staff without a scope only their own, superusers everything."""
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from catalog.models import OfficerScope, Product, ProductRevision, Region
from ovop_market.audit import audit_record
from ovop_market.models import AuditEntry
from tests.conftest import login_officer
from tests.factories import (
    CooperativeFactory,
    GradeFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:ovop_market_auditentry_changelist")


def officer_with(*, regions=(), superuser=False):
    user = UserFactory(is_staff=True, is_superuser=superuser)
    user.user_permissions.set(Permission.objects.filter(codename="view_auditentry"))
    if regions:
        OfficerScope.objects.create(user=user).regions.set(regions)
    return user


def change_page(entry) -> str:
    return reverse("admin:ovop_market_auditentry_change", args=[entry.pk])


@pytest.fixture
def world():
    """Two provinces, each with a district, a village, a cooperative and a product; a superuser
    who recorded decisions on both sides."""
    chief = officer_with(superuser=True)
    objects = {"chief": chief}
    for side in ("in", "out"):
        province = RegionFactory(kind=Region.Kind.PROVINCE, slug=f"province-{side}")
        district = RegionFactory(kind=Region.Kind.DISTRICT, parent=province, slug=f"district-{side}")
        cooperative = CooperativeFactory(village=RegionFactory(parent=district, slug=f"village-{side}"))
        product = ProductFactory(cooperative=cooperative)
        objects[side] = {
            "province": province,
            "cooperative": audit_record(by=chief, action="cooperative.verify", target=cooperative),
            "product": audit_record(by=chief, action="product.approve", target=product),
            "grade": audit_record(by=chief, action="grade.record", target=GradeFactory(product=product)),
            "region": audit_record(by=chief, action="region.confirm", target=district),
        }
    objects["nobody's"] = audit_record(by=chief, action="product.import", target=None)
    return objects


def listed(client) -> set[int]:
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    return {entry.pk for entry in response.context["cl"].result_list}


def test_an_entry_records_the_cooperative_or_region_it_concerns():
    cooperative = CooperativeFactory()
    product = ProductFactory(cooperative=cooperative)
    revision = ProductRevision.objects.create(product=product, data={"summary": "New"})
    district = RegionFactory(kind=Region.Kind.DISTRICT)
    targets = [cooperative, product, GradeFactory(product=product), ProductImageFactory(product=product), revision]

    for target in targets:
        entry = audit_record(by=None, action="test.record", target=target)
        assert entry.cooperative == cooperative, target
        assert entry.region_path == ""
    about_region = audit_record(by=None, action="region.confirm", target=district)
    assert (about_region.cooperative, about_region.region_path) == (None, district.path)
    assert audit_record(by=None, action="product.import", target=None).cooperative is None


def test_a_provincial_officer_sees_only_entries_about_their_province_and_their_own(client, world):
    officer = officer_with(regions=[world["in"]["province"]])
    own = audit_record(by=officer, action="product.admin_edit", target=world["out"]["product"].cooperative)
    login_officer(client, officer)

    assert listed(client) == {world["in"][kind].pk for kind in ("cooperative", "product", "grade", "region")} | {
        own.pk}


def test_a_provincial_officer_gets_404_for_an_entry_outside_their_province(client, world):
    officer = officer_with(regions=[world["in"]["province"]])
    login_officer(client, officer)

    assert client.get(change_page(world["in"]["product"])).status_code == 200
    for kind in ("cooperative", "product", "grade", "region"):
        assert client.get(change_page(world["out"][kind])).status_code == 404, kind
    assert client.get(change_page(world["nobody's"])).status_code == 404


def test_staff_without_a_scope_see_only_their_own_entries(client, world):
    clerk = officer_with()
    own = audit_record(by=clerk, action="product.admin_edit", target=world["in"]["product"].cooperative)
    login_officer(client, clerk)

    assert listed(client) == {own.pk}
    assert client.get(change_page(world["in"]["product"])).status_code == 404


def test_a_superuser_sees_every_entry(client, world):
    login_officer(client, world["chief"])

    assert listed(client) == set(AuditEntry.objects.values_list("pk", flat=True))
    assert client.get(change_page(world["out"]["grade"])).status_code == 200
    assert client.get(change_page(world["nobody's"])).status_code == 200


def test_the_migration_fills_in_whom_earlier_entries_concern(world):
    # Entries written before the cooperative and region were recorded.
    AuditEntry.objects.update(cooperative=None, region_path="")
    gone = AuditEntry.objects.create(action="product.approve", target_type=ContentType.objects.get_for_model(Product),
                                     target_id="999999")  # deleted since
    migration = importlib.import_module("ovop_market.migrations.0010_audit_entry_scope")

    migration.backfill(apps, None)

    for side in ("in", "out"):
        cooperative = AuditEntry.objects.get(pk=world[side]["cooperative"].pk).cooperative
        assert cooperative is not None
        for kind in ("product", "grade"):
            assert AuditEntry.objects.get(pk=world[side][kind].pk).cooperative == cooperative
        region = AuditEntry.objects.get(pk=world[side]["region"].pk)
        assert region.region_path.startswith(world[side]["province"].path) and region.cooperative is None
    assert AuditEntry.objects.get(pk=gone.pk).cooperative is None
