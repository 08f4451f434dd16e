"""A weaver on a phone signs up, registers her cooperative with a document, an officer verifies it
in admin, she lists her first product with two photos, the officer asks for changes, she fixes the
story and sends it again — in a real browser, as issue 4 asks."""
import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect

from catalog import services as catalog_services
from catalog.models import Category, Product
from ovop_market.models import User
from ovop_market.second_factor import totp_device_code
from sellers.models import Cooperative, CooperativeDocument, Membership
from tests.e2e.conftest import PHONE
from tests.factories import region_chain

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("tasks_in_this_process")]

EMAIL = "bounmy@example.com"
PASSWORD = "loom-and-shuttle-2026"
OFFICER_EMAIL = "officer@example.org"
OFFICER_PASSWORD = "programme-desk-2026"
# The smallest document the upload check takes: it is judged by its first bytes ("%PDF-").
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
REASON = "Please say how the silk is dyed and how long one scarf takes on the loom."


def jpeg(path, colour):
    Image.new("RGB", (320, 240), colour).save(path, "JPEG")
    return path


def field(label: str) -> re.Pattern:
    """A form label exactly, with or without Django's label suffix ("Members" is not "Women members")."""
    return re.compile(rf"^{re.escape(label)}:?$")


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_artisan_onboards_is_verified_lists_a_product_and_fixes_it(page, second_page, live_server, settings,
                                                                     tmp_path):
    settings.SITE_URL = url = live_server.url
    region_chain(economy="Lao PDR", province="Luang Prabang", district="Chomphet", village="Ban Xieng Lom")
    village = region_chain(economy="Lao PDR", province="Luang Prabang", district="Chomphet", village="Ban Xang Khong")
    textiles = Category.objects.create(name="Textiles", slug="textiles")
    officer_user = User.objects.create_superuser(email=OFFICER_EMAIL, password=OFFICER_PASSWORD,
                                                 full_name="Khamla Officer")
    authenticator = TOTPDevice.objects.create(user=officer_user, name="Phone", confirmed=True)

    # --- Sign up from the seller centre, and confirm the address from the e-mail ----------------------
    page.goto(f"{url}/seller/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url(re.compile(r"/accounts/signup/\?next="))
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Your name").fill("Bounmy Phommachanh")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"{url}/seller/onboarding/")  # back to the seller centre, which has nothing yet
    expect(page.get_by_text("You do not belong to a cooperative yet.")).to_be_visible()

    (confirmation,) = mails_to(EMAIL)
    link = re.search(re.escape(url) + r"/\S+", confirmation.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my e-mail address").click()
    page.wait_for_url(re.compile(r"/accounts/$"))
    assert User.objects.get(email=EMAIL).email_confirmed_at is not None

    # --- The onboarding wizard, every step -------------------------------------------------------------
    page.goto(f"{url}/seller/onboarding/")
    page.get_by_role("link", name="Register a cooperative").click()
    page.get_by_label("Community producer group").check()
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/seller/onboarding/\d+/name/$"))
    cooperative = Cooperative.objects.get(memberships__user__email=EMAIL, memberships__role=Membership.Role.OWNER)
    step = f"{url}/seller/onboarding/{cooperative.pk}"

    # Name and village: the village is chosen from the region tree, province → district → village.
    page.get_by_label("1. Province").select_option(label="Luang Prabang (Lao PDR)")
    page.get_by_role("button", name="Show districts").click()
    page.get_by_label("2. District").select_option(label="Chomphet")
    page.get_by_role("button", name="Show villages").click()
    page.wait_for_url(re.compile(r"district=\d+"))
    page.get_by_label(field("Name")).fill("Ban Xang Khong Silk Weavers")
    page.get_by_label(field("Village")).select_option(label="Ban Xang Khong")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{step}/members/")

    page.get_by_label(field("Members")).fill("14")
    page.get_by_label(field("Women members")).fill("11")
    page.get_by_label("Founded").fill("2009")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{step}/story/")

    page.get_by_label(field("Story")).fill(
        "Fourteen families weave silk on wooden looms under their stilt houses by the Mekong."
    )
    page.get_by_label("Contact e-mail").fill(EMAIL)
    page.get_by_label("Contact phone").fill("+856 20 5555 1234")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{step}/programmes/")

    page.get_by_label("Programme registrations").fill("OVOP Laos 2019-LPB-031")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{step}/documents/")

    certificate = tmp_path / "registration-certificate.pdf"
    certificate.write_bytes(PDF)
    page.get_by_label("Kind").select_option(label="Registration certificate")
    page.get_by_label("File (PDF, or a photo of the document)").set_input_files(certificate)
    page.get_by_label("Number").fill("LPB-COOP-0419")
    page.get_by_label("Issued on").fill("2019-06-01")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(f"{step}/documents/")
    expect(page.get_by_text("Document uploaded.")).to_be_visible()
    expect(page.locator("ul.documents").get_by_role("link", name="Registration certificate")).to_be_visible()
    document = CooperativeDocument.objects.get(cooperative=cooperative)
    assert (document.kind, document.content_type, document.number) == (
        "registration", "application/pdf", "LPB-COOP-0419"
    )
    page.get_by_role("link", name="Continue to payout details").click()
    page.wait_for_url(f"{step}/payout/")

    page.get_by_label("Account holder").fill("Bounmy Phommachanh")
    page.get_by_label("Bank or mobile-money provider").fill("BCEL One")
    page.get_by_label("Account number").fill("0101 2345 6789 0123")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{step}/review/")

    summary = page.locator("dl.summary")
    expect(summary).to_contain_text("Ban Xang Khong Silk Weavers")
    expect(summary).to_contain_text("Ban Xang Khong")
    expect(summary).to_contain_text("14 (11 women)")
    expect(summary).to_contain_text("Registration certificate")
    expect(summary).not_to_contain_text("0101 2345 6789 0123")  # the account number is shown masked
    expect(page.get_by_text("Before you can send the application")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="Send for verification").click()
    page.wait_for_url(f"{step}/review/")
    expect(page.get_by_text("Sent. A programme officer will check your application")).to_be_visible()
    expect(page.get_by_text("Waiting for verification", exact=True)).to_be_visible()
    page.screenshot(path=str(tmp_path / "application-sent.png"), full_page=True)
    cooperative.refresh_from_db()
    assert (cooperative.verification_status, cooperative.village) == (Cooperative.Verification.PENDING, village)

    # --- The officer verifies it in admin, in a browser of their own ---------------------------------
    officer = second_page
    officer.goto(f"{url}/admin/login/?next=/admin/")
    officer.get_by_label("E-mail address").fill(OFFICER_EMAIL)
    officer.get_by_label("Password").fill(OFFICER_PASSWORD)
    officer.get_by_role("button", name="Log in").click()
    officer.wait_for_url(re.compile(r"/admin/second-factor/"))  # the code from the authenticator app
    officer.get_by_label("Code from your authenticator app").fill(totp_device_code(authenticator))
    officer.get_by_role("button", name="Verify").click()
    officer.wait_for_url(f"{url}/admin/")
    officer.get_by_role("link", name="Cooperatives", exact=True).first.click()
    officer.wait_for_url(f"{url}/admin/sellers/cooperative/")
    officer.get_by_role("link", name="Ban Xang Khong Silk Weavers").click()
    officer.wait_for_url(f"{url}/admin/sellers/cooperative/{cooperative.pk}/change/")
    officer.get_by_role("link", name="Verify, request changes or reject").click()
    officer.wait_for_url(f"{url}/admin/sellers/cooperative/{cooperative.pk}/decide/")
    officer.get_by_label("Decision").select_option(label="Verify")
    officer.get_by_role("button", name="Record decision").click()
    officer.wait_for_url(f"{url}/admin/sellers/cooperative/{cooperative.pk}/change/")
    expect(officer.get_by_text("Decision recorded and the cooperative notified.")).to_be_visible()
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Cooperative.Verification.VERIFIED
    assert any("is verified" in message.subject for message in mails_to(EMAIL))

    # --- Back on her phone: her first product, with two photos from the gallery ----------------------
    page.goto(f"{url}/seller/")
    page.get_by_role("navigation", name="Seller centre").get_by_role("link", name="Products").click()
    page.wait_for_url(f"{url}/seller/products/")
    page.get_by_role("link", name="Add a product").click()
    page.wait_for_url(f"{url}/seller/products/new/")
    page.get_by_label(field("Name")).fill("Handwoven silk scarf, indigo")
    page.get_by_label("Category").select_option(value=str(textiles.pk))
    page.get_by_label("Summary").fill("A long scarf of hand-reeled silk, dyed with indigo grown in the village.")
    page.get_by_label("Who makes it").fill("Mrs Bounmy and her two daughters.")
    page.get_by_label("Materials").fill("Silk from our own silkworms; indigo leaves.")
    page.get_by_label("Price").fill("38.50")
    page.get_by_label("In stock").fill("6")
    page.get_by_label("Weight (g)").fill("120")
    photos = [jpeg(tmp_path / "scarf-front.jpg", (40, 60, 140)), jpeg(tmp_path / "scarf-loom.jpg", (150, 110, 60))]
    page.get_by_label("Or choose several from the gallery").set_input_files(photos)
    page.get_by_label("What the new photos show").fill("Indigo silk scarf")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(re.compile(r"/seller/products/\d+/$"))
    product = Product.objects.get(cooperative=cooperative)
    editor = f"{url}/seller/products/{product.pk}/"
    assert page.url == editor
    expect(page.locator(".product-status")).to_contain_text("Draft")
    first, second = product.images.order_by("position", "pk")
    expect(page.locator(".photo-list > li")).to_have_count(2)
    # The upload went through the progress-bar script; its answer, messages included, is shown.
    expect(page.locator(".messages")).to_contain_text("2")

    # Each photo gets its own description.
    page.locator(f"input[name='alt_{first.pk}']").fill("Indigo silk scarf folded on a bamboo mat")
    page.locator(f"input[name='alt_{second.pk}']").fill("The scarf half-woven on a wooden loom")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(editor)
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    assert list(product.images.order_by("position", "pk").values_list("alt_text", flat=True)) == [
        "Indigo silk scarf folded on a bamboo mat", "The scarf half-woven on a wooden loom",
    ]
    expect(page.get_by_alt_text("The scarf half-woven on a wooden loom")).to_have_count(1)
    # The renditions were made in process, so the phone is shown real pictures, not placeholders.
    assert set(product.images.values_list("rendition_status", flat=True)) == {"ready"}

    page.get_by_role("button", name="Save and submit for review").click()
    page.wait_for_url(editor)
    expect(page.get_by_text("Sent for review. An officer will look at it soon.")).to_be_visible()
    expect(page.locator(".product-status")).to_contain_text("Submitted for review")
    product.refresh_from_db()
    assert product.status == Product.Status.SUBMITTED

    # --- The officer asks for changes (their moderation queue comes with a later issue) --------------
    catalog_services.product_set_status(
        product=product, to=Product.Status.CHANGES_REQUESTED, reason=REASON,
        by=User.objects.get(email=OFFICER_EMAIL),
    )
    assert any(REASON in message.body for message in mails_to(EMAIL))

    # --- She sees the reason, fixes the story and sends it again -------------------------------------
    page.goto(f"{url}/seller/products/")
    page.get_by_role("link", name="Handwoven silk scarf, indigo").click()
    page.wait_for_url(editor)
    expect(page.locator(".product-status")).to_contain_text("Changes requested")
    officer_note = page.get_by_role("alert").filter(has_text="The officer asked for changes")
    expect(officer_note).to_contain_text(REASON)
    page.screenshot(path=str(tmp_path / "changes-requested.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("How it is made").fill(
        "The leaves soak for three days in a clay jar; the yarn is dipped and dried eight times. "
        "One scarf takes four days on the loom."
    )
    page.get_by_role("button", name="Save and submit for review").click()
    page.wait_for_url(editor)
    expect(page.get_by_text("Sent for review. An officer will look at it soon.")).to_be_visible()
    expect(page.locator(".product-status")).to_contain_text("Submitted for review")
    expect(page.get_by_text("The officer asked for changes")).to_have_count(0)
    product.refresh_from_db()
    assert product.status == Product.Status.SUBMITTED
    assert product.story_process.startswith("The leaves soak for three days")
    assert list(product.status_changes.order_by("pk").values_list("to_status", flat=True)) == [
        "submitted", "changes_requested", "submitted",
    ]
