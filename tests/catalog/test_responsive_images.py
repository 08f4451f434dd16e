"""Pages show photos as responsive <picture>s of their renditions, a placeholder until they exist,
and the renditions are served for keeps; officers see failed photos and have them made again."""
import re

import pytest
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import ProductImage, RegionImage
from catalog.renditions import photo_render
from ovop_market.models import OutboxMessage
from tests.factories import ProductFactory, ProductImageFactory, RegionFactory, jpeg_file, region_chain
from tests.photos import jpeg_bytes

pytestmark = pytest.mark.django_db

PLACEHOLDER = "/static/img/photo-placeholder.svg"


def pictures(page: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", page, re.S)


def attribute(tag: str, name: str) -> str:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    assert match, f"no {name} in {tag}"
    return match.group(1)


def test_the_product_page_shows_each_photo_as_a_picture_with_webp_jpeg_srcsets_and_sizes(client):
    product = ProductFactory()
    for alt in ("Front of the vase", "The glaze up close"):
        ProductImageFactory(product=product, alt_text=alt, image=jpeg_file(size=(1400, 1050)), width=1400,
                            height=1050, rendered=True)

    page = client.get(product.get_absolute_url()).content.decode()

    first, second = pictures(page)
    source = re.search(r"<source [^>]*>", first).group(0)
    image = re.search(r"<img [^>]*>", first).group(0)
    assert attribute(source, "type") == "image/webp"
    assert re.fullmatch(r"(/media/renditions/products/\d+/[0-9a-f]{16}-\d+w\.webp \d+w(, )?){3}",
                        attribute(source, "srcset"))
    assert re.fullmatch(r"(/media/renditions/products/\d+/[0-9a-f]{16}-\d+w\.jpg \d+w(, )?){3}",
                        attribute(image, "srcset"))
    assert attribute(source, "sizes") == attribute(image, "sizes") and "vw" in attribute(image, "sizes")
    assert attribute(image, "src").endswith("-640w.jpg")
    assert (attribute(image, "width"), attribute(image, "height")) == ("640", "480")
    assert attribute(image, "alt") == "Front of the vase"
    assert attribute(image, "loading") == "eager" and attribute(image, "fetchpriority") == "high"
    later = re.search(r"<img [^>]*>", second).group(0)
    assert attribute(later, "loading") == "lazy" and attribute(later, "decoding") == "async"
    assert "fetchpriority" not in later and attribute(later, "alt") == "The glaze up close"
    assert "/media/originals/" not in page


def test_a_photo_still_being_prepared_shows_a_placeholder_of_the_right_size_with_its_alt_text(client):
    product = ProductFactory()
    ProductImageFactory(product=product, alt_text="A pot on the wheel", width=1500, height=2000)

    page = client.get(product.get_absolute_url()).content.decode()

    assert not pictures(page)
    [image] = [tag for tag in re.findall(r"<img [^>]*>", page) if PLACEHOLDER in tag]
    assert (attribute(image, "width"), attribute(image, "height")) == ("640", "853")
    assert attribute(image, "alt") == "A pot on the wheel"
    assert attribute(image, "loading") == "eager"


def test_a_failed_photo_shows_the_placeholder_too(client):
    product = ProductFactory()
    ProductImageFactory(product=product, rendition_status="failed", rendition_error="broken")

    assert PLACEHOLDER in client.get(product.get_absolute_url()).content.decode()


def test_product_cards_use_the_square_crop_lazily_as_decoration(client):
    product = ProductFactory(name="Silk scarf")
    ProductImageFactory(product=product, rendered=True)
    ProductImageFactory(product=ProductFactory(name="Pending pot"))

    page = client.get("/products/").content.decode()

    [card] = pictures(page)
    image = re.search(r"<img [^>]*>", card).group(0)
    assert re.search(r"-card48x48\.webp 48w", card)  # a 64×48 photo: the card is never enlarged
    assert attribute(image, "class") == "card__image" and attribute(image, "alt") == ""
    assert attribute(image, "loading") == "lazy" and attribute(image, "sizes")
    assert (attribute(image, "width"), attribute(image, "height")) == ("48", "48")
    pending = [tag for tag in re.findall(r"<img [^>]*>", page) if PLACEHOLDER in tag]
    assert len(pending) == 1 and "card__image photo-placeholder" in pending[0]


def test_village_photos_on_the_home_and_village_pages_are_pictures(client):
    village = region_chain()
    village.featured = True
    village.save()
    photo = RegionImage.objects.create(region=village, image=jpeg_file(size=(800, 600)), alt_text="Kilns at dusk",
                                       width=800, height=600)
    photo_render(model="regionimage", photo_id=photo.pk)

    home = client.get("/").content.decode()
    village_page = client.get(village.get_absolute_url()).content.decode()

    assert "/media/renditions/regions/" in pictures(home)[0]
    [gallery] = pictures(village_page)
    assert 'alt="Kilns at dusk"' in gallery and 'srcset="' in gallery and 'sizes="' in gallery


def test_renditions_are_served_for_a_year_and_originals_never(client):
    photo = ProductImageFactory(rendered=True)
    rendition = photo.renditions[0]["name"]

    response = client.get(f"/media/{rendition}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"

    assert client.get(f"/media/{photo.image.name}").status_code == 404


# --- admin: failed photos are visible and can be rendered again -----------------------------------------

def test_officers_filter_failed_photos_and_render_them_again(admin_client):
    # The request is recorded in the outbox; it reaches a worker on commit (not run in this test).
    failed = ProductImageFactory(rendition_status="failed", rendition_error="The original cannot be decoded: x")
    ProductImageFactory(rendered=True)
    url = reverse("admin:catalog_productimage_changelist")

    page = admin_client.get(url, {"rendition_status__exact": "failed"}).content.decode()
    assert "The original cannot be decoded" in page
    assert page.count('name="_selected_action"') == 1

    response = admin_client.post(url, {"action": "render_again", "_selected_action": [failed.pk]}, follow=True)

    assert "1 photo will be rendered again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.rendition_status == "pending" and failed.rendition_error == ""
    message = OutboxMessage.objects.get(task_name="catalog.photo_render")
    assert message.kwargs == {"model": "productimage", "photo_id": failed.pk, "force": True}


def test_photo_admins_show_the_rendition_state_on_product_and_region_pages(admin_client):
    photo = ProductImageFactory(rendition_status="failed", rendition_error="broken")
    region = RegionFactory()

    product_page = admin_client.get(reverse("admin:catalog_product_change", args=[photo.product.pk]))
    region_page = admin_client.get(reverse("admin:catalog_region_change", args=[region.pk]))

    assert product_page.status_code == region_page.status_code == 200
    assert "Failed" in product_page.content.decode()
    assert ProductImage in site._registry and RegionImage in site._registry


def region_form(region, photo_file, alt="The river at dawn") -> dict:
    return {
        "name": region.name, "slug": region.slug, "kind": region.kind, "country_code": "", "story": "",
        "parent": "", "latitude": "", "longitude": "",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000", "images-0-image": photo_file, "images-0-alt_text": alt,
        "images-0-position": "0",
    }


def test_a_photo_added_in_admin_goes_through_the_checks_and_requests_its_renditions(admin_client):
    region = RegionFactory()
    url = reverse("admin:catalog_region_change", args=[region.pk])

    refused = admin_client.post(url, region_form(region, SimpleUploadedFile("x.jpg", b"<html></html>")))
    assert refused.status_code == 200 and "This file is a web page (HTML)" in refused.content.decode()
    assert not RegionImage.objects.exists()

    sideways = SimpleUploadedFile("x.jpg", jpeg_bytes((400, 300), orientation=6))
    accepted = admin_client.post(url, region_form(region, sideways))
    assert accepted.status_code == 302
    photo = RegionImage.objects.get(region=region)
    assert photo.image.name.startswith("originals/regions/") and (photo.width, photo.height) == (300, 400)
    assert OutboxMessage.objects.get().kwargs == {"model": "regionimage", "photo_id": photo.pk, "force": False}
