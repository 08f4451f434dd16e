"""A provincial programme officer, in a real browser: logs in to admin with a password and the code
of their authenticator app, opens the moderation queue, asks for changes on one listing with a
reason, approves another, grades it under OCOP with the rubric, and the storefront shows the
badge — as issue 5 asks."""
import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from catalog.models import Category, GradeLevel, OfficerScope, Product, Programme, Region
from catalog.services import product_create, product_submit
from ovop_market.demo.officers import OFFICER_PERMISSIONS
from ovop_market.models import AuditEntry, User
from sellers.models import Membership
from tests.factories import CooperativeFactory, UserFactory, region_chain

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("tasks_in_this_process")]

OFFICER_EMAIL = "minh.officer@example.gov.vn"
OFFICER_PASSWORD = "province-desk-2026"
# The officer's authenticator app holds this secret; the test computes the code from it, as the app does.
TOTP_KEY = "3132333435363738393031323334353637383930"
REASON = "Please add a photo of the glaze up close and say how many pieces are in the set."
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def admin_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def ocop() -> Programme:
    programme = Programme.objects.create(
        name="One Commune One Product", code="OCOP", slug="ocop", validity_months=36,
        economy=Region.objects.get(slug="viet-nam"),
        rubric=[{"key": "community", "label": "Community", "max": 40},
                {"key": "marketing", "label": "Marketing", "max": 25},
                {"key": "quality", "label": "Quality", "max": 35}],
    )
    for stars, minimum in ((3, 50), (4, 70), (5, 90)):
        GradeLevel.objects.create(programme=programme, code=str(stars), name=f"{stars} stars", slug=f"ocop-{stars}",
                                  rank=stars, min_score=minimum)
    return programme


def provincial_officer(province: Region, programme: Programme) -> User:
    officer = User.objects.create_user(OFFICER_EMAIL, password=OFFICER_PASSWORD, full_name="Trần Quốc Minh",
                                       is_staff=True)
    officer.user_permissions.add(*[
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in OFFICER_PERMISSIONS
    ])
    scope = OfficerScope.objects.create(user=officer)
    scope.regions.add(province)
    scope.programmes.add(programme)
    TOTPDevice.objects.create(user=officer, name="Authenticator app", key=TOTP_KEY, confirmed=True)
    return officer


def authenticator_code() -> str:
    totp = TOTP(bytes.fromhex(TOTP_KEY), step=30, digits=6)
    return f"{totp.token():06d}"


def test_officer_moderates_and_grades_and_the_storefront_shows_the_badge(admin_page, page, live_server):
    url = live_server.url
    village = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    programme = ocop()
    officer = provincial_officer(Region.objects.get(slug="ha-noi"), programme)
    ceramics = Category.objects.create(name="Ceramics", slug="ceramics")
    cooperative = CooperativeFactory(name="Bát Tràng Ceramics", slug="bat-trang-ceramics", village=village)
    artisan = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=artisan, role=Membership.Role.OWNER)
    listings = {}
    for name in ("Lotus bowl", "Celadon tea set"):
        listings[name] = product_create(cooperative=cooperative, by=artisan, category=ceramics, name=name,
                                        price="250000", stock=4, story_materials="White clay from the Red River.")
        product_submit(product=listings[name], by=artisan)
    bowl, tea_set = listings["Lotus bowl"], listings["Celadon tea set"]

    # --- Password, then the code from the authenticator app -------------------------------------------
    admin_page.goto(f"{url}/admin/")
    admin_page.wait_for_url(re.compile(r"/admin/login/"))
    admin_page.locator("#id_username").fill(OFFICER_EMAIL)
    admin_page.locator("#id_password").fill(OFFICER_PASSWORD)
    admin_page.get_by_role("button", name="Log in").click()
    admin_page.wait_for_url(re.compile(r"/admin/second-factor/"))
    admin_page.get_by_label("Code from your authenticator app").fill(authenticator_code())
    admin_page.get_by_role("button", name="Verify").click()
    admin_page.wait_for_url(f"{url}/admin/")

    # --- The moderation queue: oldest first -----------------------------------------------------------
    admin_page.get_by_role("link", name="Listings to review").first.click()
    admin_page.wait_for_url(re.compile(r"/admin/ovop_market/listingtoreview/"))
    queue = admin_page.locator("#result_list")
    expect(queue.get_by_role("link", name="Lotus bowl")).to_be_visible()
    expect(queue.get_by_role("link", name="Celadon tea set")).to_be_visible()

    # Ask for changes on the tea set, with a reason the artisan will read.
    queue.get_by_role("link", name="Celadon tea set").click()
    expect(admin_page.get_by_text("White clay from the Red River.").first).to_be_visible()
    admin_page.get_by_label(re.compile(r"^Decision")).select_option(Product.Status.CHANGES_REQUESTED)
    admin_page.get_by_label(re.compile(r"^Reason \(the artisan sees it\)")).fill(REASON)
    admin_page.get_by_role("button", name="Record decision").click()
    admin_page.wait_for_url(re.compile(r"/admin/ovop_market/listingtoreview/$"))
    expect(admin_page.locator("#result_list").get_by_role("link", name="Celadon tea set")).to_have_count(0)

    # Approve the bowl.
    admin_page.locator("#result_list").get_by_role("link", name="Lotus bowl").click()
    admin_page.get_by_label(re.compile(r"^Decision")).select_option(Product.Status.APPROVED)
    admin_page.get_by_role("button", name="Record decision").click()
    admin_page.wait_for_url(re.compile(r"/admin/ovop_market/listingtoreview/$"))
    expect(admin_page.locator(".messagelist")).to_contain_text("Decision recorded")

    tea_set.refresh_from_db()
    bowl.refresh_from_db()
    assert tea_set.status == Product.Status.CHANGES_REQUESTED
    assert tea_set.status_changes.first().reason == REASON and tea_set.status_changes.first().by == officer
    assert bowl.status == Product.Status.APPROVED

    # --- Grade the bowl under OCOP: the scores decide the stars ---------------------------------------
    admin_page.goto(f"{url}{reverse('admin:catalog_grade_add')}")
    admin_page.locator("#id_product").fill(str(bowl.pk))
    admin_page.locator("#id_programme").select_option(label="OCOP")
    admin_page.locator("#id_issuing_level").select_option("province")
    admin_page.locator("#id_certificate_number").fill("OCOP-HN-2026-0142")
    admin_page.locator("#id_issued_on").fill(datetime.date.today().isoformat())
    admin_page.get_by_label("OCOP: Community (0–40)").fill("32")
    admin_page.get_by_label("OCOP: Marketing (0–25)").fill("20")
    admin_page.get_by_label("OCOP: Quality (0–35)").fill("26")  # 78 points: 4 stars
    admin_page.locator("input[name=_save]").click()
    expect(admin_page.locator(".messagelist")).to_contain_text("was added successfully")

    grade = bowl.grades.get()
    assert (grade.level.name, grade.total_score, grade.graded_by) == ("4 stars", 78, officer)
    assert set(AuditEntry.objects.filter(by=officer).values_list("action", flat=True)) >= {
        "product.request_changes", "product.approve", "grade.record"}

    # --- The storefront shows the bowl with its badge -------------------------------------------------
    page.goto(f"{url}/products/{bowl.slug}/")
    badge = page.locator(".grade-badge").first
    expect(badge).to_contain_text("OCOP")
    expect(badge).to_contain_text("4 stars")
