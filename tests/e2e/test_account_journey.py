"""A person on a phone signs up, confirms the address from the e-mail, logs out and in again."""
import re

import pytest
from django.core import mail

from ovop_market.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _eager_tasks():
    from ovop_market.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_sign_up_confirm_log_out_and_in_on_a_phone(page, live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign up").click()

    # A mistake first: the form comes back with what was typed.
    page.get_by_label("E-mail address").fill("lan@example.com")
    page.get_by_label("Your name").fill("Lan Tran")
    page.locator("#id_password1").fill("kiln-fired-2026")
    page.locator("#id_password2").fill("kiln-fired-2027")
    page.get_by_role("button", name="Create my account").click()
    assert "The two passwords are not the same." in page.content()
    assert page.get_by_label("Your name").input_value() == "Lan Tran"
    page.screenshot(path=str(tmp_path / "signup-error.png"), full_page=True)

    page.locator("#id_password1").fill("kiln-fired-2026")
    page.locator("#id_password2").fill("kiln-fired-2026")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"{live_server.url}/")  # back where the "Sign up" link was
    assert "Welcome! We have sent a link to lan@example.com" in page.content()
    page.get_by_role("link", name="Lan").click()
    assert "not confirmed yet" in page.content()

    (message,) = [m for m in mail.outbox if m.to == ["lan@example.com"]]
    link = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my e-mail address").click()
    page.wait_for_url(re.compile(r"/accounts/$"))
    assert User.objects.get(email="lan@example.com").email_confirmed_at is not None

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill("lan@example.com")
    page.locator("#id_password").fill("kiln-fired-2026")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Lan").is_visible()
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Lan").click()
    page.screenshot(path=str(tmp_path / "account.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
