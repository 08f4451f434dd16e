"""The officers' reports: the right figures for a small known marketplace, the same figures in their
exports, the officer's scope respected, and a query count that does not grow with the data."""
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Category, OfficerScope, Product, ProductStatusChange, Region
from orders.models import Order, OrderLine, Shipment
from ovop_market.reports import REPORTS, report_tables
from sellers.models import Cooperative
from tests.conftest import login_officer
from tests.factories import (
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProgrammeFactory,
    UserFactory,
    region_chain,
)
from tests.spreadsheet_files import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db
Status = Product.Status
_orders = iter(range(1, 10_000))


def order(currency, shipments):
    """An order with one shipment per (cooperative, status, [(product, quantity, unit price)])."""
    subtotals = [sum(q * p for _product, q, p in lines) for _coop, _status, lines in shipments]
    placed = Order.objects.create(
        number=f"T-{next(_orders)}", email="buyer@example.com", full_name="Buyer", phone="1", country="VN",
        city="Ha Noi", address_line1="1 Street", language="en", currency=currency, subtotal=sum(subtotals),
        shipping_total=0, total=sum(subtotals), placed_by_key=f"k{next(_orders)}", idempotency_key="i",
        request_fingerprint="f",
    )
    for (cooperative, status, lines), subtotal in zip(shipments, subtotals, strict=True):
        shipment = Shipment.objects.create(
            order=placed, cooperative=cooperative, status=status, shipping_method_name="Post", zone="domestic",
            weight_grams=500, subtotal=subtotal, shipping_price=0, total=subtotal, delivery_min_days=1,
            delivery_max_days=3,
        )
        for product, quantity, price in lines:
            OrderLine.objects.create(shipment=shipment, product=product, product_name=product.name, unit_price=price,
                                     quantity=quantity, line_total=price * quantity)
    return placed


def history(product, *steps):
    """Status history rows at given days after a fixed start."""
    start = timezone.now() - datetime.timedelta(days=30)
    previous = Status.DRAFT
    for days, status in steps:
        change = ProductStatusChange.objects.create(product=product, from_status=previous, to_status=status)
        ProductStatusChange.objects.filter(pk=change.pk).update(created_at=start + datetime.timedelta(days=days))
        previous = status


def marketplace():
    bat_trang = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    ban_xang = region_chain(economy="Lao PDR", province="Luang Prabang", district="Chomphet", village="Ban Xang Khong")
    crafts = Category.objects.create(name="Crafts", slug="crafts")
    ceramics = Category.objects.create(name="Ceramics", slug="ceramics", parent=crafts)
    food = Category.objects.create(name="Food", slug="food")
    potters = CooperativeFactory(village=bat_trang, kind=Cooperative.Kind.COMMUNITY_GROUP, members_count=10,
                                 women_members_count=6)
    weaver = CooperativeFactory(village=ban_xang, kind=Cooperative.Kind.INDIVIDUAL, members_count=4,
                                women_members_count=2)
    applicant = CooperativeFactory(village=bat_trang, kind=Cooperative.Kind.COMMUNITY_SME, members_count=5,
                                   women_members_count=5, verification_status=Cooperative.Verification.PENDING)
    bowl = ProductFactory(cooperative=potters, category=ceramics, name="Bowl")
    vase = ProductFactory(cooperative=potters, category=ceramics, name="Vase")
    sauce = ProductFactory(cooperative=potters, category=food, status=Status.SUBMITTED, approved_at=None)
    scarf = ProductFactory(cooperative=weaver, category=crafts, name="Scarf")
    ProductFactory(cooperative=applicant, category=food, status=Status.DRAFT, approved_at=None)

    ocop, otop = ProgrammeFactory(code="OCOP"), ProgrammeFactory(code="OTOP")
    GradeFactory(product=bowl, level=GradeLevelFactory(programme=ocop, code="4", name="4 stars", rank=4))
    GradeFactory(product=vase, level=GradeLevelFactory(programme=ocop, code="3", name="3 stars", rank=3),
                 issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1))  # expired
    GradeFactory(product=scarf, level=GradeLevelFactory(programme=otop, code="A", name="Class A", rank=4))

    history(bowl, (0, Status.SUBMITTED), (2, Status.APPROVED))  # waited 2 days
    history(vase, (0, Status.SUBMITTED), (4, Status.CHANGES_REQUESTED), (5, Status.SUBMITTED),
            (6, Status.APPROVED))  # 4 days, then 1 day
    history(sauce, (0, Status.SUBMITTED), (10, Status.REJECTED), (11, Status.DRAFT), (12, Status.SUBMITTED))  # 10

    order("VND", [(potters, Shipment.Status.DELIVERED, [(bowl, 2, Decimal(150000))]),
                  (weaver, Shipment.Status.SHIPPED, [(scarf, 1, Decimal(50000))])])
    order("VND", [(potters, Shipment.Status.CANCELLED, [(bowl, 1, Decimal(999))])])
    order("USD", [(potters, Shipment.Status.PLACED, [(vase, 1, Decimal(20))])])
    return {"ha_noi": Region.objects.get(slug="ha-noi"), "luang_prabang": Region.objects.get(slug="luang-prabang"),
            "potters": potters, "weaver": weaver}


def tables(user) -> dict:
    return {table.key: table for _title, section in report_tables(user=user) for table in section}


def test_reports_show_the_right_figures():
    marketplace()
    got = tables(UserFactory(is_staff=True, is_superuser=True))

    assert got["products-status"].rows == [["Draft", 1], ["Submitted for review", 1], ["Approved", 3]]
    assert [row[:2] for row in got["products-programme"].rows] == [["OCOP", 1], ["OTOP", 1]]
    assert [row[:2] for row in got["products-grade"].rows] == [["OCOP 4 stars", 1], ["OTOP Class A", 1]]
    assert got["products-region"].rows == [["Ha Noi", 4, "Viet Nam"], ["Luang Prabang", 1, "Lao PDR"]]
    assert got["products-category"].rows == [["Crafts", 3], ["Food", 2]]
    assert got["decision-time"].rows == [["Decisions", 4], ["Median wait (days)", Decimal("3.0")]]  # 1, 2, 4, 10
    assert sorted(got["cooperatives-type"].rows) == [["Community SME", 1], ["Community producer group", 1],
                                                     ["Individual producer", 1]]
    assert sorted(got["cooperatives-verification"].rows) == [["Verified", 2], ["Waiting for verification", 1]]
    assert got["women"].rows == [
        ["Community producer group", 1, 10, 6, Decimal("60.0"), 1, Decimal("100.0")],
        ["Individual producer", 1, 4, 2, Decimal("50.0"), 0, Decimal("0.0")],  # half is not more than half
        ["All", 2, 14, 8, Decimal("57.1"), 1, Decimal("50.0")],
    ]
    assert got["sales-province"].rows == [["Ha Noi", 1, "USD", Decimal("20.00")],
                                          ["Ha Noi", 1, "VND", Decimal("300000.00")],
                                          ["Luang Prabang", 1, "VND", Decimal("50000.00")]]
    assert got["sales-programme"].rows == [["OCOP", 1, "VND", 2, Decimal("300000.00")],
                                           ["OTOP", 1, "VND", 1, Decimal("50000.00")]]


def test_a_provincial_officer_sees_only_their_province():
    places = marketplace()
    officer = UserFactory(is_staff=True)
    OfficerScope.objects.create(user=officer).regions.add(places["luang_prabang"])

    got = tables(officer)

    assert got["products-status"].rows == [["Approved", 1]]
    assert got["products-region"].rows == [["Luang Prabang", 1, "Lao PDR"]]
    assert got["cooperatives-type"].rows == [["Individual producer", 1]]
    assert got["sales-province"].rows == [["Luang Prabang", 1, "VND", Decimal("50000.00")]]
    assert [row[0] for row in got["sales-programme"].rows] == ["OTOP"]
    assert got["decision-time"].rows[0] == ["Decisions", 0]

    newcomer = UserFactory(is_staff=True)  # no scope yet: sees nothing until a superuser gives one
    assert all(not table.rows or table.key == "decision-time" for table in tables(newcomer).values())


def test_the_page_and_its_exports_show_the_same_figures(client):
    marketplace()
    officer = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, officer)

    page = client.get(reverse("admin_reports:index"))
    assert page.status_code == 200
    shown = {table.key: table for _title, section in page.context["sections"] for table in section}
    html = page.content.decode()
    assert "<svg" in html and 'width="100"' in html and "style=" not in html.split("<body")[1]

    for key in ("women", "sales-province", "products-region"):
        table = shown[key]
        as_csv = csv_rows(client.get(reverse("admin_reports:export", args=[key, "csv"])))
        as_xlsx = xlsx_rows(client.get(reverse("admin_reports:export", args=[key, "xlsx"])))
        assert as_csv == [table.columns, *[[str(value) for value in row] for row in table.rows]]
        assert as_xlsx[0] == table.columns
        assert [[float(v) if isinstance(v, Decimal) else v for v in row] for row in table.rows] == as_xlsx[1:]


def test_the_admin_index_links_to_the_reports_and_only_officers_reach_them(client):
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    assert reverse("admin_reports:index") in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse("admin_reports:export", args=["nothing", "csv"])).status_code == 404

    client.logout()
    client.force_login(UserFactory())
    response = client.get(reverse("admin_reports:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(reverse("admin_reports:export", args=["women", "csv"])).status_code == 302


def test_the_number_of_queries_does_not_grow_with_the_data():
    places = marketplace()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    with CaptureQueriesContext(connection) as small:
        report_tables(user=superuser)

    # Ten times the cooperatives, products, grades, decisions and orders, in more places.
    for n in range(10):
        village = region_chain(economy="Thailand", province=f"Province {n}", district=f"District {n}",
                               village=f"Village {n}")
        cooperative = CooperativeFactory(village=village)
        product = ProductFactory(cooperative=cooperative, category=Category.objects.get(slug="food"))
        GradeFactory(product=product)
        history(product, (0, Status.SUBMITTED), (n + 1, Status.APPROVED))
        order("THB", [(cooperative, Shipment.Status.DELIVERED, [(product, 1, Decimal(10))]),
                      (places["potters"], Shipment.Status.DELIVERED, [(Product.objects.get(name="Bowl"), 1,
                                                                      Decimal(5))])])
    with CaptureQueriesContext(connection) as large:
        got = report_tables(user=superuser)

    assert len(large.captured_queries) == len(small.captured_queries) <= 20
    assert sum(row[1] for row in [t for _s, ts in got for t in ts if t.key == "products-region"][0].rows) == 15
    assert set(REPORTS) == {t.key for _s, ts in got for t in ts}
