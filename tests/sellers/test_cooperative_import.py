"""Officers import a programme's register of cooperatives: they arrive verified, through the
verification transition table, every step recorded; one bad row and nothing is imported."""
import pytest
from django.urls import reverse

from ovop_market.models import AuditEntry
from sellers.models import Cooperative, CooperativeEdit
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, UserFactory, region_chain
from tests.spreadsheet_files import csv_rows, upload, xlsx_rows

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:sellers_cooperative_import")
HEADER = ["Name", "Kind", "Village", "Members count", "Women members count", "Programme registrations"]


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, user)
    return user


@pytest.fixture
def villages():
    return {
        "bat_trang": region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang"),
        "ban_xang_khong": region_chain(economy="Lao PDR", province="Luang Prabang", district="Chomphet",
                                       village="Ban Xang Khong"),
    }


def rows():
    return [
        HEADER,
        ["Hợp tác xã Gốm Bát Tràng", "community_group", "viet-nam/ha-noi/gia-lam/bat-trang", "24", "15",
         "OCOP 2023-HN-0142; OCOP 2024-HN-0031"],
        ["กลุ่มทอผ้าไหมบ้านนาโพธิ์", "Community SME", "ban-xang-khong", "8", "8", ""],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_imported_cooperatives_are_verified_with_their_history(client, officer, villages, fmt):
    preview = client.post(IMPORT_URL, {"file": upload(rows(), fmt)})
    assert preview.context["result"].created == 2 and not preview.context["errors"]
    assert not Cooperative.objects.exists()  # the preview wrote nothing

    client.post(IMPORT_URL, {"token": preview.context["token"]})

    pottery = Cooperative.objects.get(name="Hợp tác xã Gốm Bát Tràng")
    assert pottery.slug == "hop-tac-xa-gom-bat-trang"
    assert pottery.verification_status == Cooperative.Verification.VERIFIED and pottery.verified_at
    assert pottery.village == villages["bat_trang"]
    assert (pottery.members_count, pottery.women_members_count) == (24, 15)
    assert pottery.programme_registrations == "OCOP 2023-HN-0142\nOCOP 2024-HN-0031"
    history = list(pottery.status_changes.order_by("pk").values_list("from_status", "to_status", "by"))
    assert history == [("draft", "pending", officer.pk), ("pending", "verified", officer.pk)]
    assert CooperativeEdit.objects.filter(cooperative=pottery, by=officer, on_behalf=True).exists()
    assert AuditEntry.objects.filter(action="cooperative.verify", target_id=str(pottery.pk)).exists()
    weavers = Cooperative.objects.get(kind=Cooperative.Kind.COMMUNITY_SME)
    assert weavers.name == "กลุ่มทอผ้าไหมบ้านนาโพธิ์" and weavers.slug  # Thai folds to no letters: a fallback slug


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_bad_row_imports_no_cooperative(client, officer, villages, fmt):
    sheet = rows()
    sheet[2][4] = "9"  # more women members than members
    sheet.append(["Third", "weavers", "nowhere", "3", "1", ""])

    response = client.post(IMPORT_URL, {"file": upload(sheet, fmt)})

    errors = {(error.row, error.column) for error in response.context["errors"]}
    assert errors == {(3, "women_members_count"), (4, "kind"), (4, "village")}
    assert not response.context["token"]
    assert not Cooperative.objects.exists()


def test_a_known_slug_corrects_the_cooperative_and_keeps_its_status(client, officer, villages):
    cooperative = CooperativeFactory(slug="bat-trang", members_count=10, women_members_count=4,
                                     verification_status=Cooperative.Verification.PENDING, verified_at=None)
    sheet = [["slug", "members_count", "women_members_count"], ["bat-trang", "30", "20"]]

    client.post(IMPORT_URL, {"token": client.post(IMPORT_URL, {"file": upload(sheet)}).context["token"]})

    cooperative.refresh_from_db()
    assert (cooperative.members_count, cooperative.women_members_count) == (30, 20)
    assert cooperative.verification_status == Cooperative.Verification.PENDING
    entry = AuditEntry.objects.get(action="on_behalf.cooperative_register_update")
    assert entry.before == {"members_count": 10, "women_members_count": 4} and entry.by == officer


def test_cooperatives_export_respects_the_filters_and_reimports_unchanged(client, officer, villages):
    CooperativeFactory(name="Verified one", village=villages["bat_trang"])
    CooperativeFactory(name="Pending one", verification_status=Cooperative.Verification.PENDING)
    url = reverse("admin:sellers_cooperative_export", args=["csv"]) + "?verification_status__exact=verified"

    exported = csv_rows(client.get(url))
    as_xlsx = xlsx_rows(client.get(url.replace("/csv/", "/xlsx/")))

    assert [row[1] for row in exported[1:]] == ["Verified one"]
    assert exported[1][3] == "viet-nam/ha-noi/gia-lam/bat-trang" and exported[1][-1] == "yes"  # women-led
    assert [row[1] for row in as_xlsx[1:]] == ["Verified one"]
    response = client.post(IMPORT_URL, {"file": upload(exported)})
    assert response.context["errors"] == [] and response.context["result"].updated == 0
