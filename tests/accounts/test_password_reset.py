"""Password reset: a link by e-mail in the person's language, a new password, logged in; and the
same answer whether or not the address has an account."""
import pytest

from ovop_market.models import Notification

from .conftest import link_in

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW = "new-kiln-password-77"


def _request_reset(client, capture, email):
    with capture(execute=True):
        return client.post(RESET, {"email": email})


def test_full_reset_flow_sets_the_password_and_logs_in(mai, client, django_capture_on_commit_callbacks,
                                                        mailoutbox):
    response = _request_reset(client, django_capture_on_commit_callbacks, "Mai@Example.com")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    (message,) = mailoutbox
    assert message.to == ["mai@example.com"] and message.subject == "Reset your OVOP Market password"
    link = link_in(message)
    # The secret link is not kept once the e-mail has gone.
    assert "action_url" not in Notification.objects.get().context

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    assert "set-password" in set_password_url
    response = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})

    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.session["_auth_user_id"] == str(mai.pk)
    mai.refresh_from_db()
    assert mai.check_password(NEW)
    assert mai.email_confirmed_at is not None, "the reset link proves the address"
    # The link works once.
    client.post("/accounts/logout/")
    assert client.get(link, follow=True).context["validlink"] is False


def test_reset_email_and_link_are_in_the_persons_language(mai, client, django_capture_on_commit_callbacks,
                                                          mailoutbox):
    mai.language = "vi"
    mai.save()
    _request_reset(client, django_capture_on_commit_callbacks, "mai@example.com")
    assert link_in(mailoutbox[0]).startswith("/vi/accounts/password/reset/")
    assert mailoutbox[0].subject != "Reset your OVOP Market password"


def test_unknown_address_gets_the_same_answer_and_no_email(mai, client, django_capture_on_commit_callbacks,
                                                           mailoutbox):
    known = _request_reset(client, django_capture_on_commit_callbacks, "mai@example.com")
    unknown = _request_reset(client, django_capture_on_commit_callbacks, "nobody@example.com")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
    done = client.get(known["Location"])
    assert done.status_code == 200 and b"If an account uses the address" in done.content


def test_mismatched_new_passwords_reshow_the_form(mai, client, django_capture_on_commit_callbacks, mailoutbox):
    _request_reset(client, django_capture_on_commit_callbacks, "mai@example.com")
    page = client.get(link_in(mailoutbox[0]), follow=True)
    url = page.redirect_chain[-1][0]
    response = client.post(url, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert response.status_code == 200 and "new_password2" in response.context["form"].errors
    mai.refresh_from_db()
    assert not mai.check_password(NEW)


def test_tampered_reset_link_is_refused(mai, client, django_capture_on_commit_callbacks, mailoutbox):
    _request_reset(client, django_capture_on_commit_callbacks, "mai@example.com")
    link = link_in(mailoutbox[0])
    response = client.get(link[:-3] + "zzz/", follow=True)
    assert response.status_code == 200 and response.context["validlink"] is False


@pytest.mark.parametrize("email", ["not-an-address", "a" * 10_000 + "@example.com"])
def test_bad_address_reshows_the_form(client, email, mailoutbox):
    response = client.post(RESET, {"email": email})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not mailoutbox


def test_password_change_needs_the_old_password_and_keeps_the_session(mai, client):
    from .conftest import PASSWORD

    client.force_login(mai)
    page = client.get("/accounts/password/").content.decode()
    assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page
    wrong = client.post("/accounts/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors

    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW,
                                                   "new_password2": NEW})
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200
    mai.refresh_from_db()
    assert mai.check_password(NEW)
