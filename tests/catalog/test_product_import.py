"""Officers import a programme office's product spreadsheet: a dry-run preview first, then all rows
or none, every row through the catalog services."""
import pytest
from django.urls import reverse

from catalog.models import Grade, GradeLevel, Product, ProductStatusChange, Programme
from ovop_market.models import AuditEntry
from tests.conftest import login_officer
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, UserFactory, region_chain
from tests.spreadsheet_files import csv_rows, upload, xlsx_rows

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:catalog_product_import")
HEADER = ["slug", "cooperative", "category", "name", "price", "stock", "made_to_order", "lead_time_days",
          "story_materials"]


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, user)
    return user


@pytest.fixture
def places():
    village = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    cooperative = CooperativeFactory(slug="bat-trang-ceramics", village=village)
    category = CategoryFactory(name="Ceramics", slug="ceramics")
    return {"village": village, "cooperative": cooperative, "category": category}


def good_rows():
    return [
        HEADER,
        ["", "bat-trang-ceramics", "ceramics", "Gốm Bát Tràng lotus bowl", "250000", "12", "no", "", "Đất sét trắng"],
        ["", "bat-trang-ceramics", "ceramics", "Celadon tea set", "1200000.50", "3", "no", "", ""],
        ["", "bat-trang-ceramics", "ceramics", "Made-to-order vase", "900000", "0", "yes", "21", ""],
    ]


def preview(client, rows, fmt="csv"):
    return client.post(IMPORT_URL, {"file": upload(rows, fmt)})


def test_the_preview_shows_what_would_be_created_and_writes_nothing(client, officer, places):
    response = preview(client, good_rows())

    assert response.status_code == 200
    assert response.context["result"].created == 3 and not response.context["errors"]
    assert "Gốm Bát Tràng lotus bowl" in response.content.decode()
    assert response.context["token"]
    assert not Product.objects.exists()
    assert not ProductStatusChange.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_confirming_imports_every_row_through_the_services(client, officer, places, fmt):
    token = preview(client, good_rows(), fmt).context["token"]

    response = client.post(IMPORT_URL, {"token": token, "filename": f"ocop.{fmt}"})

    assert response.status_code == 302
    bowl = Product.objects.get(name="Gốm Bát Tràng lotus bowl")
    assert bowl.slug == "gom-bat-trang-lotus-bowl"
    assert bowl.status == Product.Status.DRAFT and bowl.cooperative == places["cooperative"]
    assert bowl.origin == places["village"]  # the cooperative's village
    assert str(bowl.price) == "250000.00" and bowl.stock == 12
    assert "gom" in bowl.search_text and "bat" in bowl.search_text  # the search index, accent-folded
    # Recorded as the officer's work on the cooperative's behalf.
    assert bowl.status_changes.get().by == officer
    assert "on behalf of" in bowl.status_changes.get().reason
    assert Product.objects.get(name="Made-to-order vase").lead_time_days == 21
    assert AuditEntry.objects.filter(action="product.import", by=officer).exists()
    # The token is used up: the same preview cannot be imported twice.
    client.post(IMPORT_URL, {"token": token})
    assert Product.objects.count() == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_bad_row_imports_nothing_and_names_the_row_and_column(client, officer, places, fmt):
    rows = good_rows()
    rows[2][4] = "twelve"  # row 3 of the sheet: the price is not a number

    response = preview(client, rows, fmt)

    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(error.row, error.column) for error in errors] == [(3, "price")]
    assert "not a number" in errors[0].message
    assert not response.context["token"]  # nothing to confirm
    assert "Nothing was imported" in response.content.decode()
    assert not Product.objects.exists()


def test_a_row_the_service_refuses_rolls_back_the_rows_before_it(client, officer, places):
    rows = good_rows()
    rows[3][7] = ""  # made to order without a lead time: the model's constraint, checked by the service

    response = preview(client, rows)

    assert [error.row for error in response.context["errors"]] == [4]
    assert not Product.objects.exists()


def test_unknown_references_are_reported_per_row(client, officer, places):
    rows = [HEADER, ["", "nobody", "pottery", "Bowl", "10", "", "", "", ""],
            ["", "", "", "", "", "", "", "", ""],  # an empty row is skipped
            ["Bad Slug!", "bat-trang-ceramics", "ceramics", "Bowl", "10", "", "", "", ""]]

    errors = preview(client, rows).context["errors"]

    assert {(error.row, error.column) for error in errors} == {(2, "cooperative"), (2, "category"), (4, "slug")}


def test_a_known_slug_updates_the_product_and_blank_cells_keep_values(client, officer, places):
    product = ProductFactory(cooperative=places["cooperative"], category=places["category"], slug="lotus-bowl",
                             status=Product.Status.DRAFT, approved_at=None, stock=5, story_materials="Clay")
    rows = [HEADER, ["lotus-bowl", "", "", "", "99", "40", "", "", ""]]

    token = preview(client, rows).context["token"]
    client.post(IMPORT_URL, {"token": token})

    product.refresh_from_db()
    assert (str(product.price), product.stock, product.story_materials) == ("99.00", 40, "Clay")
    assert product.status_changes.filter(by=officer, reason__contains="Edited").exists()


def test_an_officer_cannot_move_a_product_to_another_cooperative(client, officer, places):
    ProductFactory(slug="lotus-bowl", status=Product.Status.DRAFT, approved_at=None)
    rows = [HEADER, ["lotus-bowl", "bat-trang-ceramics", "", "", "", "", "", "", ""]]

    errors = preview(client, rows).context["errors"]

    assert [(error.row, error.column) for error in errors] == [(2, "cooperative")]


def test_the_same_slug_twice_in_a_file_is_an_error(client, officer, places):
    rows = [HEADER, ["bowl-a", "bat-trang-ceramics", "ceramics", "Bowl", "10", "", "", "", ""],
            ["bowl-a", "bat-trang-ceramics", "ceramics", "Bowl", "11", "", "", "", ""]]

    errors = preview(client, rows).context["errors"]

    assert [(error.row, error.column) for error in errors] == [(3, "slug")]


def test_certificates_are_recorded_with_the_ocop_rubric_and_submit_sends_to_the_queue(client, officer, places):
    ocop = Programme.objects.create(
        name="One Commune One Product", code="OCOP", slug="ocop", validity_months=36,
        rubric=[{"key": "community", "max": 40}, {"key": "marketing", "max": 25}, {"key": "quality", "max": 35}],
    )
    for code, rank, minimum in (("3", 3, 50), ("4", 4, 70), ("5", 5, 90)):
        GradeLevel.objects.create(programme=ocop, code=code, name=f"{code} stars", slug=f"ocop-{code}", rank=rank,
                                  min_score=minimum)
    header = ["cooperative", "category", "name", "price", "submit", "programme", "scores", "issuing_level",
              "certificate_number", "issued_on"]
    rows = [header, ["bat-trang-ceramics", "ceramics", "Lotus bowl", "10", "yes", "OCOP",
                     "community=32; marketing=20; quality=26", "province", "OCOP-HN-0142", "2025-03-01"],
            ["bat-trang-ceramics", "ceramics", "Tea set", "10", "", "OCOP",
             "community=41; marketing=20; quality=26", "province", "OCOP-HN-0143", "01/03/2025"]]

    response = preview(client, rows)
    assert [(error.row, error.column) for error in response.context["errors"]] == [(3, "scores")]
    assert not Grade.objects.exists()

    rows[2][6] = "community=20; marketing=20; quality=20"
    client.post(IMPORT_URL, {"token": preview(client, rows).context["token"]})

    bowl = Product.objects.get(name="Lotus bowl")
    grade = bowl.grades.get()
    assert (grade.level.code, grade.total_score, grade.certificate_number) == ("4", 78, "OCOP-HN-0142")
    assert grade.expires_on.isoformat() == "2028-03-01" and grade.graded_by == officer
    assert bowl.status == Product.Status.SUBMITTED
    assert Product.objects.get(name="Tea set").grades.get().level.code == "3"


def test_an_export_imports_back_without_changes(client, officer, places):
    ProductFactory(cooperative=places["cooperative"], category=places["category"], name="=HYPERLINK(\"x\")")
    exported = csv_rows(client.get(reverse("admin:catalog_product_export", args=["csv"])))

    response = preview(client, exported)

    assert response.context["errors"] == []
    assert response.context["result"].created == 0 and response.context["result"].updated == 0


def test_the_template_lists_the_columns_in_both_formats(client, officer):
    page = client.get(IMPORT_URL)
    assert page.status_code == 200 and "certificate_number" in page.content.decode()
    assert reverse("admin:catalog_product_import_template", args=["xlsx"]) in page.content.decode()
    csv_template = csv_rows(client.get(reverse("admin:catalog_product_import_template", args=["csv"])))
    xlsx_template = xlsx_rows(client.get(reverse("admin:catalog_product_import_template", args=["xlsx"])))

    assert csv_template[0][:4] == ["slug", "cooperative", "category", "origin"]
    assert xlsx_template[0] == csv_template[0]
    assert len(csv_template) == 2  # one example row


def test_another_officer_cannot_confirm_someone_elses_preview(client, officer, places):
    token = preview(client, good_rows()).context["token"]
    other = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, other)

    response = client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "expired" in response.content.decode()
    assert not Product.objects.exists()
    assert client.post(IMPORT_URL, {"token": token + "x"}).status_code == 302
    assert not Product.objects.exists()


def test_people_who_are_not_staff_cannot_import(client, places):
    client.force_login(UserFactory())
    response = client.post(IMPORT_URL, {"file": upload(good_rows())})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Product.objects.exists()
