"""Staff reach admin only with a second factor (a TOTP code); other users never meet it."""
import io
import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ovop_market.second_factor import totp_device_code
from tests.conftest import login_officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["admin:index", "admin:catalog_product_changelist", "admin:sellers_cooperative_changelist",
               "admin:catalog_grade_add", "admin:ovop_market_user_changelist"]


@pytest.fixture
def officer():
    return UserFactory(is_staff=True, is_superuser=True, password="kiln-and-glaze-2026")


def confirmed_device(user, key="3132333435363738393031323334353637383930"):
    return TOTPDevice.objects.create(user=user, name="Phone", key=key, confirmed=True)


def test_password_alone_does_not_open_admin(client, officer):
    response = client.post(reverse("admin:login"), {"username": officer.email, "password": "kiln-and-glaze-2026",
                                                    "next": "/admin/catalog/product/"})
    assert response.status_code == 302
    # No device yet: enrol one; every admin page sends there meanwhile.
    for name in ADMIN_PAGES:
        page = client.get(reverse(name), follow=True)
        assert page.redirect_chain[-1][0].startswith(reverse("admin:second_factor_setup")), name
        assert "Set up your second factor" in page.content.decode()


def test_an_officer_enrols_a_device_with_a_first_code(client, officer):
    client.post(reverse("admin:login"), {"username": officer.email, "password": "kiln-and-glaze-2026"})
    setup = client.get(reverse("admin:second_factor_setup"))
    assert setup.status_code == 200 and "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    # Reloading keeps the key the officer may already have scanned.
    client.get(reverse("admin:second_factor_setup"))
    assert TOTPDevice.objects.filter(user=officer).count() == 1

    assert client.post(reverse("admin:second_factor_setup"), {"token": "000000"}).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(reverse("admin:second_factor_setup") + "?next=/admin/catalog/grade/",
                           {"token": totp_device_code(device), "next": "/admin/catalog/grade/"})
    assert response.status_code == 302 and response["Location"] == "/admin/catalog/grade/"
    device.refresh_from_db()
    assert device.confirmed
    for name in ADMIN_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_enrolment_needs_the_password_login_first(client):
    response = client.get(reverse("admin:second_factor_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_staff_with_a_device_are_sent_to_the_code_page_and_wrong_codes_are_refused(client, officer):
    device = confirmed_device(officer)
    client.force_login(officer)
    for name in ADMIN_PAGES:
        page = client.get(reverse(name), follow=True)
        assert page.redirect_chain[-1][0].startswith(reverse("admin:second_factor")), name
    url = reverse("admin:second_factor")
    wrong = str((int(totp_device_code(device)) + 1) % 1_000_000).zfill(6)
    refused = client.post(url, {"token": wrong})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    assert "The code is the 6 digits" in client.post(url, {"token": "abcdef"}).content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    assert client.post(url, {"token": totp_device_code(device)}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    # The same code cannot be used again (by someone who saw it), in another session.
    other = type(client)()
    other.force_login(officer)
    assert other.post(url, {"token": totp_device_code(device)}).status_code == 200
    assert other.get(reverse("admin:index")).status_code == 302


def test_too_many_wrong_codes_lock_the_device_for_a_while(client, officer, settings):
    settings.OFFICER_OTP_FAILURE_LIMIT = 3
    device = confirmed_device(officer)
    client.force_login(officer)
    url = reverse("admin:second_factor")
    for _attempt in range(3):
        assert client.post(url, {"token": "999999" if totp_device_code(device) != "999999" else "999998"}
                           ).status_code == 200
    blocked = client.post(url, {"token": totp_device_code(device)})
    assert blocked.status_code == 429 and "Too many wrong codes" in blocked.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    # After the cool-off the right code works again.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=16))
    device.refresh_from_db()
    assert client.post(url, {"token": totp_device_code(device)}).status_code == 302


def test_the_next_address_cannot_leave_the_site(client, officer):
    device = confirmed_device(officer)
    client.force_login(officer)
    response = client.post(reverse("admin:second_factor"), {"token": totp_device_code(device),
                                                           "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")


def test_other_users_never_meet_the_second_factor(client):
    user = UserFactory(password="village-bowls-2026")
    assert client.login(email=user.email, password="village-bowls-2026")
    assert client.get(reverse("catalog:home")).status_code == 200
    assert client.get(reverse("sellers:dashboard")).status_code in (200, 302)
    # Admin is not for them either way: the login form, never the code page.
    response = client.get(reverse("admin:second_factor"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_the_test_helper_logs_an_officer_in_like_a_real_one(client, officer):
    login_officer(client, officer)
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert client.get(reverse("admin:index")).status_code == 200
    # A second client for the same officer works too.
    assert login_officer(type(client)(), officer).get(reverse("admin:index")).status_code == 200


def test_totp_code_prints_the_current_code_only_in_debug(officer, settings):
    device = confirmed_device(officer)
    settings.DEBUG = True
    out = io.StringIO()
    call_command("totp_code", officer.email, stdout=out)
    assert out.getvalue().strip() in {totp_device_code(device, at=time.time() + offset) for offset in (-30, 0, 30)}
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("totp_code", officer.email)
    out = io.StringIO()
    call_command("totp_code", officer.email, "--force", stdout=out)
    assert len(out.getvalue().strip()) == 6
    with pytest.raises(CommandError, match="No confirmed"):
        call_command("totp_code", "nobody@example.com", "--force")


def test_the_demo_officers_log_in_with_the_published_keys(client):
    from collections import Counter
    from types import SimpleNamespace

    from catalog.models import Region
    from ovop_market.demo.data import DEMO_PASSWORD
    from ovop_market.demo.officers import officers_seed
    from tests.factories import ProgrammeFactory, RegionFactory

    UserFactory(email="officer@ovop.market", is_staff=True, is_superuser=True, password=DEMO_PASSWORD)
    RegionFactory(kind=Region.Kind.PROVINCE, slug="ha-noi", name="Hà Nội")
    ProgrammeFactory(slug="ocop-viet-nam", code="OCOP")
    run = SimpleNamespace(created=Counter())
    officers_seed(run)
    officers_seed(run)  # runs again without adding anything
    assert run.created["users"] == 1

    for email in ("officer@ovop.market", "province-officer@ovop.market"):
        browser = type(client)()
        browser.post(reverse("admin:login"), {"username": email, "password": DEMO_PASSWORD})
        out = io.StringIO()
        call_command("totp_code", email, "--force", stdout=out)
        response = browser.post(reverse("admin:second_factor"), {"token": out.getvalue().strip()})
        assert response.status_code == 302, email
        assert browser.get(reverse("admin:index")).status_code == 200, email
    provincial = TOTPDevice.objects.get(user__email="province-officer@ovop.market").user
    assert not provincial.is_superuser
    assert [r.slug for r in provincial.officer_scope.regions.all()] == ["ha-noi"]
    assert provincial.has_perm("catalog.add_grade")
