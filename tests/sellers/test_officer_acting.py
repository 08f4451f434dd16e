"""An officer acts for a cooperative they are not a member of only after the second factor, and only
within their scope (a superuser anywhere): in the seller centre, its private documents and the seller
API (whose token carries no second factor). A staff member who belongs to a cooperative acts for it
as any member does."""
import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import OfficerScope, Product, ProductStatusChange, Region
from ovop_market.models import AuditEntry
from sellers.models import Cooperative, CooperativeEdit, Membership
from sellers.selectors import CURRENT_COOPERATIVE_SESSION_KEY, may_act_for
from sellers.services import cooperative_document_add
from tests.conftest import login_officer, second_factor_passed
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, RegionFactory, UserFactory
from tests.sellers.helpers import pdf_upload
from tests.sellers.test_product_editor import form_data

pytestmark = pytest.mark.django_db

ACT_FOR = reverse("sellers:act_for")
PROFILE = reverse("sellers:cooperative_profile")
SECOND_FACTOR = reverse("admin:second_factor")


@pytest.fixture
def world():
    """Two provinces, each with a cooperative that has an owner, a draft product and a document."""
    objects = {}
    for side, name in (("in", "Hà Nội"), ("out", "Huế")):
        province = RegionFactory(kind=Region.Kind.PROVINCE, name=name, slug=f"province-{side}")
        district = RegionFactory(kind=Region.Kind.DISTRICT, parent=province, slug=f"district-{side}")
        cooperative = CooperativeFactory(village=RegionFactory(parent=district), name=f"Cooperative {side}")
        owner = UserFactory()
        Membership.objects.create(cooperative=cooperative, user=owner, role=Membership.Role.OWNER)
        objects[side] = {
            "province": province, "cooperative": cooperative, "owner": owner,
            "product": ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT, name=f"Bowl {side}"),
            "document": cooperative_document_add(cooperative=cooperative, by=owner, kind="registration",
                                                 file=pdf_upload(), number=f"REG-{side}"),
        }
    return objects


def provincial_officer(world, **extra):
    officer = UserFactory(is_staff=True, **extra)
    OfficerScope.objects.create(user=officer).regions.set([world["in"]["province"]])
    return officer


def pages(side) -> dict:
    """What acting for ``side``'s cooperative reaches once it is chosen, or by address."""
    return {
        "product": reverse("sellers:product_edit", args=[side["product"].pk]),
        "profile": reverse("sellers:cooperative_profile", kwargs={"pk": side["cooperative"].pk}),
        "document": reverse("sellers:document_download", kwargs={"pk": side["document"].pk}),
        "application": reverse("sellers:onboarding_step",
                               kwargs={"pk": side["cooperative"].pk, "step": "documents"}),
    }


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# --- without the second factor ---------------------------------------------------------------------

@pytest.mark.parametrize("superuser", [False, True])
def test_an_officer_without_the_second_factor_is_sent_to_it_and_cannot_act(client, world, superuser):
    officer = provincial_officer(world, is_superuser=superuser)
    client.force_login(officer)  # the password only

    # The seller centre and its picker send them to the code page, and back to the picker after.
    to_code = f"{SECOND_FACTOR}?next=%2Fseller%2Fact-for%2F"
    assert client.get(reverse("sellers:dashboard"))["Location"] == ACT_FOR
    assert client.get(ACT_FOR)["Location"] == to_code
    assert client.post(ACT_FOR, {"cooperative": world["in"]["cooperative"].pk})["Location"] == to_code
    assert CURRENT_COOPERATIVE_SESSION_KEY not in client.session
    # Anything else of the cooperative is not found, as for anybody who may not act for it (the
    # seller centre's own pages lead to the picker first).
    for name, url in pages(world["in"]).items():
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == ((302, ACT_FOR) if name == "product" else
                                                                    (404, None)), name
    response = client.post(reverse("sellers:product_create"), form_data(CategoryFactory(), name="Not allowed"))
    assert response["Location"] == ACT_FOR
    assert not Product.objects.filter(name="Not allowed").exists()
    # Filing an application on a cooperative's behalf asks for the code too.
    response = client.post(reverse("sellers:onboarding_start"), {"kind": "community_group", "on_behalf": "1"})
    assert response["Location"] == f"{SECOND_FACTOR}?next=%2Fseller%2Fonboarding%2Fnew%2F"
    assert Cooperative.objects.count() == 2


def test_the_code_page_leads_back_to_the_picker_and_then_they_may_act(client, world):
    officer = provincial_officer(world)
    client.force_login(officer)
    assert client.get(ACT_FOR)["Location"].startswith(SECOND_FACTOR)
    login_officer(client, officer)
    assert world["in"]["cooperative"].name in client.get(ACT_FOR).content.decode()


@pytest.mark.parametrize("superuser", [False, True])
def test_the_api_refuses_an_officer_acting_for_a_cooperative_by_token(world, superuser):
    officer = provincial_officer(world, is_superuser=superuser)
    api = token_client(officer)
    product, cooperative = world["in"]["product"], world["in"]["cooperative"]
    detail = reverse("sellers_api:product_detail", args=[product.pk])
    responses = {
        "read": api.get(detail),
        "edit": api.patch(detail, {"name": "Changed"}, format="json"),
        "archive": api.delete(detail),
        "submit": api.post(reverse("sellers_api:product_submit", args=[product.pk])),
        "create": api.post(reverse("sellers_api:product_list"), {
            "cooperative": cooperative.pk, "name": "Basket", "category": CategoryFactory().pk, "price": "5.00",
            "stock": 1}, format="json"),
        "list one cooperative": api.get(reverse("sellers_api:product_list"), {"cooperative": cooperative.pk}),
    }
    for name, response in responses.items():
        assert response.status_code == 403, name
        assert "second factor" in response.json()["detail"], name
    assert api.get(reverse("sellers_api:product_list")).json()["results"] == []
    assert api.get(reverse("sellers_api:cooperative_list")).json()["results"] == []
    product.refresh_from_db()
    assert (product.name, product.status) == ("Bowl in", Product.Status.DRAFT)
    assert not Product.objects.filter(name="Basket").exists()


def test_others_still_get_404_from_the_api(world):
    api = token_client(world["out"]["owner"])
    response = api.get(reverse("sellers_api:product_detail", args=[world["in"]["product"].pk]))
    assert response.status_code == 404


def test_a_service_refuses_an_officer_object_without_the_second_factor(world):
    cooperative = world["in"]["cooperative"]
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert not may_act_for(user=superuser, cooperative=cooperative)
    assert may_act_for(user=second_factor_passed(superuser), cooperative=cooperative)


# --- scope ---------------------------------------------------------------------------------------------

def test_an_officer_acts_only_within_their_scope(client, world):
    login_officer(client, provincial_officer(world))
    picker = client.get(ACT_FOR).content.decode()
    assert world["in"]["cooperative"].name in picker and world["out"]["cooperative"].name not in picker
    assert world["out"]["cooperative"].name not in client.get(ACT_FOR, {"q": "Cooperative"}).content.decode()
    assert client.post(ACT_FOR, {"cooperative": world["out"]["cooperative"].pk}).status_code == 404
    client.post(ACT_FOR, {"cooperative": world["in"]["cooperative"].pk})
    # An out-of-scope choice left in the session from before does not count either.
    session = client.session
    session[CURRENT_COOPERATIVE_SESSION_KEY] = world["out"]["cooperative"].pk
    session.save()
    assert client.get(reverse("sellers:dashboard"))["Location"] == ACT_FOR
    client.post(ACT_FOR, {"cooperative": world["in"]["cooperative"].pk})
    for name, url in pages(world["out"]).items():
        assert client.get(url).status_code == 404, name
    assert client.post(pages(world["out"])["profile"], {"founded_year": "1990"}).status_code == 404
    for name, url in pages(world["in"]).items():
        assert client.get(url).status_code == 200, name


def test_an_officer_without_a_scope_acts_for_nobody(client, world):
    login_officer(client, UserFactory(is_staff=True))
    response = client.get(ACT_FOR)
    assert response.status_code == 200 and "No cooperative found." in response.content.decode()
    for side in ("in", "out"):
        assert client.post(ACT_FOR, {"cooperative": world[side]["cooperative"].pk}).status_code == 404
        assert client.get(pages(world[side])["document"]).status_code == 404


def test_an_officer_in_scope_acts_and_it_is_recorded_as_on_behalf(client, world):
    officer = provincial_officer(world)
    cooperative = world["in"]["cooperative"]
    login_officer(client, officer)
    assert client.post(ACT_FOR, {"cooperative": cooperative.pk})["Location"] == reverse("sellers:dashboard")
    dashboard = client.get(reverse("sellers:dashboard"))
    assert dashboard.status_code == 200 and cooperative.name in dashboard.content.decode()

    client.post(reverse("sellers:product_create"), form_data(CategoryFactory(), name="Officer listing"))
    product = Product.objects.get(name="Officer listing")
    assert product.cooperative == cooperative
    change = ProductStatusChange.objects.get(product=product)
    assert change.by == officer and f"on behalf of {cooperative.name}" in change.reason
    assert AuditEntry.objects.get(action="on_behalf.product_create", by=officer).on_behalf

    response = client.post(PROFILE, {
        "story": "Glazed by hand.", "contact_email": "hello@example.com", "contact_phone": "+84 24 5555 0101",
        "members_count": "14", "women_members_count": "9", "founded_year": "1990",
    })
    assert response.status_code == 302, response.content.decode()
    assert CooperativeEdit.objects.get(cooperative=cooperative, by=officer).on_behalf


def test_a_verified_superuser_acts_for_any_cooperative(client, world):
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    picker = client.get(ACT_FOR).content.decode()
    assert world["in"]["cooperative"].name in picker and world["out"]["cooperative"].name in picker
    for side in ("in", "out"):
        client.post(ACT_FOR, {"cooperative": world[side]["cooperative"].pk})
        assert world[side]["cooperative"].name in client.get(reverse("sellers:dashboard")).content.decode()
        for name, url in pages(world[side]).items():
            assert client.get(url).status_code == 200, (side, name)


# --- staff who are members -----------------------------------------------------------------------------

def test_a_staff_member_of_a_cooperative_acts_for_it_as_a_member(client, world):
    cooperative = world["out"]["cooperative"]  # outside their scope, and no second factor
    officer = provincial_officer(world)
    Membership.objects.create(cooperative=cooperative, user=officer, role=Membership.Role.OWNER)
    client.force_login(officer)

    dashboard = client.get(reverse("sellers:dashboard"))
    assert dashboard.status_code == 200 and cooperative.name in dashboard.content.decode()
    for name, url in pages(world["out"]).items():
        assert client.get(url).status_code == 200, name
    client.post(reverse("sellers:product_create"), form_data(CategoryFactory(), name="Member listing"))
    product = Product.objects.get(name="Member listing")
    assert product.cooperative == cooperative
    assert not ProductStatusChange.objects.filter(product=product).exists()  # the row says "on behalf of"
    assert not AuditEntry.objects.filter(on_behalf=True).exists()
    # Their own cooperative in the picker, with the way to the code for any other.
    picker = client.get(ACT_FOR)
    assert picker.status_code == 200
    assert cooperative.name in picker.content.decode() and SECOND_FACTOR in picker.content.decode()
    assert world["in"]["cooperative"].name not in picker.content.decode()
    # And through the API, for their own cooperative only.
    api = token_client(officer)
    assert api.get(reverse("sellers_api:product_detail", args=[world["out"]["product"].pk])).status_code == 200
    assert api.get(reverse("sellers_api:product_detail", args=[world["in"]["product"].pk])).status_code == 403
