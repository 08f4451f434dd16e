"""Cooperative documents are private: checked by content, stored under a refused prefix with a
random name, and downloaded only by the cooperative's members and officers, as attachments."""
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sellers.models import CooperativeDocument, Membership
from sellers.services import cooperative_document_add
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, UserFactory

from .helpers import exe_upload, html_as_pdf, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperative_a():
    return CooperativeFactory(name="Cooperative A")


@pytest.fixture
def document(cooperative_a):
    owner = UserFactory()
    Membership.objects.create(cooperative=cooperative_a, user=owner, role=Membership.Role.OWNER)
    return cooperative_document_add(cooperative=cooperative_a, by=owner, kind="registration",
                                    file=pdf_upload(), number="REG-77")


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_documents_are_stored_privately_under_an_unguessable_name(document):
    name = document.file.name
    assert name.startswith("private/documents/")
    assert re.fullmatch(r"private/documents/[0-9a-f]{32}\.pdf", name)
    assert "certificate" not in name
    assert document.content_type == "application/pdf"


@pytest.mark.parametrize("upload, kind", [(html_as_pdf, "HTML"), (exe_upload, "program")])
def test_a_file_that_is_not_a_document_is_refused_by_its_content(cooperative_a, upload, kind):
    with pytest.raises(ValidationError) as refused:
        cooperative_document_add(cooperative=cooperative_a, by=UserFactory(), kind="registration", file=upload())
    assert kind in " ".join(refused.value.messages)
    assert not CooperativeDocument.objects.exists()


@pytest.mark.parametrize("upload", [html_as_pdf, exe_upload])
def test_the_wizard_refuses_a_wrong_document_type_and_keeps_the_form(upload):
    owner = UserFactory()
    cooperative = CooperativeFactory(verification_status="draft")
    Membership.objects.create(cooperative=cooperative, user=owner, role=Membership.Role.OWNER)
    response = _client(owner).post(
        reverse("sellers:onboarding_step", kwargs={"pk": cooperative.pk, "step": "documents"}),
        {"kind": "registration", "file": upload(), "number": "REG-9"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Upload the document as a PDF" in text
    assert 'value="REG-9"' in text
    assert not cooperative.documents.exists()


def test_a_too_large_document_is_refused(cooperative_a, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="at most"):
        cooperative_document_add(cooperative=cooperative_a, by=UserFactory(), kind="registration", file=pdf_upload())


def test_a_licence_needs_a_future_expiry(cooperative_a):
    with pytest.raises(ValidationError, match="expired"):
        cooperative_document_add(cooperative=cooperative_a, by=UserFactory(), kind="halal", file=png_upload(),
                                 expires_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="expiry date"):
        cooperative_document_add(cooperative=cooperative_a, by=UserFactory(), kind="halal", file=png_upload())
    licence = cooperative_document_add(cooperative=cooperative_a, by=UserFactory(), kind="halal", file=png_upload(),
                                       expires_on=timezone.localdate() + timedelta(days=300))
    assert licence.file.name.endswith(".png")


@pytest.mark.parametrize("who, allowed", [
    ("member_of_a", True),
    ("owner_of_a", True),
    ("officer", True),
    ("member_of_b", False),
    ("buyer", False),
    ("anonymous", False),
])
def test_document_access_matrix(document, cooperative_a, who, allowed):
    users = {
        "owner_of_a": Membership.objects.get(cooperative=cooperative_a).user,
        # A superuser: a scoped officer reaches only their regions' documents (tests/ovop_market/test_officer_scope.py).
        "officer": UserFactory(is_staff=True, is_superuser=True),
        "buyer": UserFactory(),
        "anonymous": None,
    }
    if who == "member_of_a":
        users[who] = UserFactory()
        Membership.objects.create(cooperative=cooperative_a, user=users[who], role=Membership.Role.MEMBER)
    if who == "member_of_b":
        users[who] = UserFactory()
        Membership.objects.create(cooperative=CooperativeFactory(), user=users[who], role=Membership.Role.OWNER)
    client = login_officer(Client(), users[who]) if who == "officer" else _client(users[who])
    url = reverse("sellers:document_download", kwargs={"pk": document.pk})
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    elif who == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 404
    # Through the members page (every member of the cooperative acted for sees its documents).
    members_page = client.get(reverse("sellers:members"))
    if who in ("owner_of_a", "member_of_a"):
        assert url in members_page.content.decode()
    elif who == "anonymous":
        assert members_page.status_code == 302
    else:
        assert url not in members_page.content.decode()
    # Through the wizard's documents step (owners and officers only).
    page = client.get(reverse("sellers:onboarding_step", kwargs={"pk": cooperative_a.pk, "step": "documents"}))
    if who in ("owner_of_a", "officer"):
        assert page.status_code == 200 and url in page.content.decode()
    elif who == "anonymous":
        assert page.status_code == 302
    else:
        assert page.status_code == 404


def test_the_public_media_route_never_serves_a_document(document):
    """catalog.views.media (the embedded run's media route) refuses the private/ prefix, however
    the path is spelt; in production the web server or bucket must not expose private/ either."""
    from django.core.exceptions import SuspiciousFileOperation
    from django.http import Http404
    from django.test import RequestFactory

    from catalog.views import media

    path = document.file.name
    assert (settings.MEDIA_ROOT / path).exists()
    request = RequestFactory().get(settings.MEDIA_URL + path)
    for candidate in (path, f"renditions/../{path}", f"/{path}", f"./{path}", f"renditions//../../{path}"):
        with pytest.raises((Http404, SuspiciousFileOperation)):  # 404, or 400 for a path leaving MEDIA_ROOT
            media(request, candidate)


def test_admin_links_documents_to_the_private_view(document, cooperative_a):
    admin = login_officer(Client(), UserFactory(is_staff=True, is_superuser=True))
    page = admin.get(reverse("admin:sellers_cooperative_change", args=[cooperative_a.pk])).content.decode()
    assert reverse("sellers:document_download", kwargs={"pk": document.pk}) in page
    assert document.file.name not in page
    assert settings.MEDIA_URL + "private" not in page


def test_the_owner_removes_a_document_and_its_file_goes(document, cooperative_a, django_capture_on_commit_callbacks):
    Cooperative = type(cooperative_a)
    Cooperative.objects.filter(pk=cooperative_a.pk).update(verification_status="draft")
    owner = Membership.objects.get(cooperative=cooperative_a).user
    path = settings.MEDIA_ROOT / document.file.name
    url = reverse("sellers:onboarding_document_remove", kwargs={"pk": cooperative_a.pk, "document_pk": document.pk})
    assert _client(UserFactory()).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert _client(owner).post(url).status_code == 302
    assert not CooperativeDocument.objects.filter(pk=document.pk).exists()
    assert not path.exists()
