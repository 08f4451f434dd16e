"""Reading officers' spreadsheets (encodings, bad files, limits) and exporting changelists safely."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Product
from ovop_market.spreadsheets import SpreadsheetError, neutralise, table_read
from tests.conftest import login_officer
from tests.factories import GradeFactory, ProductFactory, UserFactory
from tests.spreadsheet_files import csv_bytes, csv_rows, upload, xlsx_bytes, xlsx_cells, xlsx_rows

COLUMNS = ["slug", "name", "price"]


def read(data: bytes, name="sheet.csv", **limits):
    return table_read(SimpleUploadedFile(name, data), allowed_columns=COLUMNS, required_columns=["name"], **limits)


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_csv_with_or_without_bom_keeps_vietnamese_and_thai(bom):
    table = read(csv_bytes([["Name", "Price"], ["Gốm Bát Tràng", "12"], ["ผ้าไหมไทย", "8"]], bom=bom))

    assert table.columns == ["name", "price"]
    assert table.rows == [(2, {"name": "Gốm Bát Tràng", "price": "12"}), (3, {"name": "ผ้าไหมไทย", "price": "8"})]


def test_semicolon_csv_as_saved_by_excel_in_many_locales():
    table = read(csv_bytes([["name", "price"], ["Nón lá", "12,5"]], delimiter=";"))
    assert table.rows == [(2, {"name": "Nón lá", "price": "12,5"})]


def test_xlsx_numbers_and_dates_read_as_typed():
    import datetime

    table = read(xlsx_bytes([["name", "price", "slug"], ["Bowl", 12.0, None], [None, None, None],
                             ["Vase", 7.25, datetime.date(2024, 5, 31)]]), name="x.xlsx")
    assert table.rows == [(2, {"name": "Bowl", "price": "12", "slug": ""}),
                          (4, {"name": "Vase", "price": "7.25", "slug": "2024-05-31"})]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    ("name,price\nGốm,1\n".encode("cp1258", errors="replace") + b"\xff\xfe", "UTF-8"),
    ("name\nผ้าไหม\n".encode("tis-620"), "UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"PK\x03\x04 not really a zip", "not a readable XLSX"),
    (csv_bytes([["name", "colour"], ["Bowl", "red"]]), "Unknown column: colour"),
    (csv_bytes([["price"], ["1"]]), "Missing column: name"),
    (csv_bytes([["name", "Name"], ["a", "b"]]), "twice"),
    (csv_bytes([["name", "price"]]), "no rows"),
])
def test_bad_files_get_a_clear_reason(data, message):
    with pytest.raises(SpreadsheetError) as error:
        read(data)
    assert message in error.value.message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(SpreadsheetError, match="not a readable XLSX"):
        read(buffer.getvalue(), name="x.xlsx")


def test_size_and_row_limits():
    rows = [["name"]] + [[f"Bowl {n}"] for n in range(11)]
    with pytest.raises(SpreadsheetError, match="more than 10 rows"):
        read(csv_bytes(rows), max_rows=10)
    with pytest.raises(SpreadsheetError, match="more than 10 rows"):
        read(xlsx_bytes(rows), max_rows=10)
    with pytest.raises(SpreadsheetError, match="larger than"):
        read(csv_bytes(rows), max_bytes=50)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_a_spreadsheet_would_run_is_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", [-5, 3.5, 0, "Gốm", "a=b", ""])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutralise(value) == value


# --- admin export ----------------------------------------------------------------------------------


@pytest.fixture
def officer_client(client, db):
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def export(client, model, fmt, query=""):
    return client.get(reverse(f"admin:{model}_export", args=[fmt]) + query)


@pytest.mark.django_db
def test_csv_and_xlsx_exports_neutralise_formulas_and_keep_numbers(officer_client):
    ProductFactory(name="=HYPERLINK(\"http://evil.example\",\"click\")", summary="@SUM(1)", slug="evil",
                   price=-0 + 12, stock=3)
    ProductFactory(name="+tea", summary="-ginger", slug="tea", stock=0)

    rows = csv_rows(export(officer_client, "catalog_product", "csv"))
    by_slug = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_slug["evil"]["name"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert by_slug["evil"]["summary"] == "'@SUM(1)"
    assert (by_slug["tea"]["name"], by_slug["tea"]["summary"]) == ("'+tea", "'-ginger")

    sheet = xlsx_cells(export(officer_client, "catalog_product", "xlsx"))
    header = [cell.value for cell in sheet[1]]
    cells = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    evil = cells["evil"]
    assert evil["name"].value.startswith("'=") and evil["name"].data_type == "s"  # text, never a formula
    assert evil["summary"].value == "'@SUM(1)"
    assert evil["stock"].value == 3 and evil["stock"].data_type == "n"  # numbers stay numbers
    assert float(evil["price"].value) == 12
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
def test_export_follows_the_changelists_filters_and_search(officer_client):
    ProductFactory(name="Lotus silk scarf", slug="scarf")
    ProductFactory(name="Lotus tea", slug="lotus-tea", status=Product.Status.DRAFT, approved_at=None)
    ProductFactory(name="Bamboo basket", slug="basket")

    filtered = csv_rows(export(officer_client, "catalog_product", "csv", "?status__exact=approved&q=lotus"))
    everything = xlsx_rows(export(officer_client, "catalog_product", "xlsx"))

    assert [row[0] for row in filtered[1:]] == ["scarf"]
    assert sorted(row[0] for row in everything[1:]) == ["basket", "lotus-tea", "scarf"]


@pytest.mark.django_db
def test_grades_export_with_the_changelists_filter(officer_client):
    kept = GradeFactory(certificate_number="=CERT-1")
    GradeFactory()

    rows = csv_rows(export(officer_client, "catalog_grade", "csv", f"?programme__id__exact={kept.programme_id}"))

    assert rows[0][:4] == ["product", "product_name", "cooperative", "programme"]
    assert len(rows) == 2 and rows[1][0] == kept.product.slug and rows[1][9] == "'=CERT-1"


@pytest.mark.django_db
def test_changelists_link_to_import_and_export_with_the_current_filters(officer_client):
    response = officer_client.get(reverse("admin:catalog_product_changelist") + "?status__exact=approved")

    page = response.content.decode()
    assert reverse("admin:catalog_product_import") in page
    assert reverse("admin:catalog_product_export", args=["xlsx"]) + "?status__exact=approved" in page


@pytest.mark.django_db
def test_a_bad_upload_in_admin_is_shown_on_the_form_not_a_500(officer_client):
    url = reverse("admin:catalog_product_import")

    not_a_sheet = officer_client.post(url, {"file": SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00")})
    wrong_columns = officer_client.post(url, {"file": upload([["nom", "prix"], ["bol", "1"]], "xlsx")})
    no_file = officer_client.post(url, {})

    assert not_a_sheet.status_code == 200 and "not a spreadsheet" in not_a_sheet.content.decode()
    assert wrong_columns.status_code == 200 and "Unknown columns: nom, prix" in wrong_columns.content.decode()
    assert no_file.status_code == 200 and "errorlist" in no_file.content.decode()


@pytest.mark.django_db
def test_an_import_over_the_row_limit_is_refused_with_the_limit(officer_client, settings):
    settings.SPREADSHEET_IMPORT_MAX_ROWS = 2
    rows = [["cooperative", "category", "name", "price"]] + [["c", "c", f"Bowl {n}", "1"] for n in range(3)]

    response = officer_client.post(reverse("admin:catalog_product_import"), {"file": upload(rows)})

    assert response.status_code == 200 and "more than 2 rows" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_export_format_or_a_non_officer_is_refused(client, officer_client):
    assert export(officer_client, "catalog_product", "pdf").status_code == 403
    client.force_login(UserFactory())
    assert export(client, "catalog_product", "csv").status_code == 302


@pytest.mark.django_db
def test_a_provincial_officer_exports_and_imports_only_within_their_province(client):
    from django.contrib.auth.models import Permission

    from catalog.models import OfficerScope, Region
    from tests.factories import CategoryFactory, CooperativeFactory, region_chain

    home = CooperativeFactory(slug="home", village=region_chain(province="Ha Noi", village="Bat Trang"))
    away = CooperativeFactory(slug="away", village=region_chain(province="Hue", district="Phu Vang",
                                                                  village="Thanh Tien"))
    ProductFactory(cooperative=home, slug="home-bowl")
    ProductFactory(cooperative=away, slug="away-flower")
    CategoryFactory(slug="ceramics")
    officer = UserFactory(is_staff=True)
    officer.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="catalog", codename__in=["view_product", "change_product", "add_product"]))
    OfficerScope.objects.create(user=officer).regions.add(Region.objects.get(slug="ha-noi"))
    login_officer(client, officer)

    rows = csv_rows(export(client, "catalog_product", "csv"))
    assert [row[0] for row in rows[1:]] == ["home-bowl"]

    response = client.post(reverse("admin:catalog_product_import"), {"file": upload([
        ["slug", "cooperative", "category", "name", "price"],
        ["away-flower", "", "", "", "1"],
        ["", "away", "ceramics", "Lotus", "2"],
        ["", "home", "ceramics", "Lotus", "2"],
    ])})
    assert {(error.row, error.column) for error in response.context["errors"]} == {(2, "slug"), (3, "cooperative")}
