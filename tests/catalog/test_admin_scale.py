"""Admin changelists at national scale: their query counts do not grow with the rows shown, and an
unfiltered list over a huge table takes PostgreSQL's row estimate instead of counting every row."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import OfficerScope, Product, ProductRevision, Region
from ovop_market import admin_scale
from ovop_market.admin_scale import EstimatedCountPaginator
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, GradeFactory, ProductFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:catalog_product_changelist",
    "admin:sellers_cooperative_changelist",
    "admin:catalog_grade_changelist",
    "admin:catalog_productrevision_changelist",
]


def add_rows(count: int, village) -> None:
    for _index in range(count):
        product = ProductFactory(cooperative=CooperativeFactory(village=village))
        GradeFactory(product=product)
        ProductRevision.objects.create(product=product, data={"summary": "New"}, created_by=UserFactory())


def queries_for(client, name: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(name))
    assert response.status_code == 200, name
    return len(context.captured_queries)


@pytest.mark.parametrize("who", ["superuser", "provincial officer"])
def test_changelist_queries_do_not_grow_with_the_rows_shown(client, who):
    province = RegionFactory(kind=Region.Kind.PROVINCE, slug="province")
    village = RegionFactory(parent=province)
    if who == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        from django.contrib.auth.models import Permission

        user = UserFactory(is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=[
            "view_product", "view_cooperative", "view_grade", "view_productrevision"]))
        OfficerScope.objects.create(user=user).regions.set([province])
    login_officer(client, user)

    add_rows(2, village)
    few = {name: queries_for(client, name) for name in CHANGELISTS}
    add_rows(6, village)
    many = {name: queries_for(client, name) for name in CHANGELISTS}
    assert many == few
    assert max(few.values()) <= 14, few


def test_an_unfiltered_list_of_a_large_table_takes_the_estimate(postgres_only, monkeypatch):
    for _index in range(6):
        ProductFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
    ProductFactory()  # counted exactly below, not yet in the planner's estimate
    monkeypatch.setattr(admin_scale, "ESTIMATE_FROM_ROWS", 5)

    assert EstimatedCountPaginator(Product.objects.order_by("pk"), 50).count == 6
    assert EstimatedCountPaginator(Product.objects.filter(stock__gte=0).order_by("pk"), 50).count == 7
    monkeypatch.setattr(admin_scale, "ESTIMATE_FROM_ROWS", 50_000)
    assert EstimatedCountPaginator(Product.objects.order_by("pk"), 50).count == 7


def test_elsewhere_the_count_is_exact():
    for _index in range(3):
        ProductFactory()
    assert EstimatedCountPaginator(Product.objects.order_by("pk"), 50).count == 3
