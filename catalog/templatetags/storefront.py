"""Display helpers for the storefront templates: money, links that keep the query, JSON-LD."""
import json
import re
from decimal import Decimal

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from catalog.renditions import photo_largest_jpeg, photo_sources

register = template.Library()

# While renditions are pending (or failed) a photo shows this, at the size its renditions will have.
PLACEHOLDER_WIDTH = 640

# Symbols buyers recognise; any other currency is shown by its ISO code.
CURRENCY_SYMBOLS = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "VND": "₫", "THB": "฿"}
CURRENCIES_WITHOUT_MINOR_UNIT = {"JPY", "VND", "KRW", "IDR", "LAK"}

# Same escapes as Django's json_script: "</script>" or "<!--" in a product name stays inside the block.
_JSON_IN_HTML_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

SCHEMA_AVAILABILITY = {
    "made_to_order": "https://schema.org/MadeToOrder",
    "in_stock": "https://schema.org/InStock",
    "sold_out": "https://schema.org/OutOfStock",
}


@register.filter
def money(amount) -> str:
    """``amount`` in the marketplace currency, grouped and punctuated for the active language."""
    if amount in (None, ""):
        return ""
    currency = settings.MARKETPLACE_CURRENCY
    decimals = 0 if currency in CURRENCIES_WITHOUT_MINOR_UNIT else 2
    figure = number_format(Decimal(amount), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{figure}" if symbol else f"{figure}\u00a0{currency}"


@register.filter
def availability(product) -> str:
    """``made_to_order``, ``in_stock`` or ``sold_out``: which availability message a product gets."""
    if product.made_to_order:
        return "made_to_order"
    return "in_stock" if product.stock > 0 else "sold_out"


@register.filter
def tree_indent(depth) -> str:
    """Leading spaces that show a menu option's depth in a tree (select options cannot be styled)."""
    return "\u2003" * int(depth or 0)


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """A link to page ``number`` of the current listing that keeps every other query parameter."""
    request = context["request"]
    params = [(key, value) for key, value in request.GET.items() if key != "page" and value != ""]
    if int(number) > 1:
        params.append(("page", number))
    return "?" + urlencode(params) if params else request.path


@register.simple_tag
def page_range(page_obj) -> list:
    """Page numbers to link around the current page, with ``…`` where some are left out."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each language: English unprefixed, the others under ``/vi/``, ``/th/``.

    Plain links (no form, no CSRF cookie) keep anonymous pages cacheable and work without
    JavaScript; they double as ``hreflang`` alternates.
    """
    full_path = context["request"].get_full_path()
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    path = re.sub(rf"^/(?:{codes})(?=/)", "", full_path, count=1)
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": path if code == settings.LANGUAGE_CODE else f"/{code}{path}",
        }
        for code, _name in settings.LANGUAGES
    ]


@register.inclusion_tag("catalog/includes/picture.html")
def picture(photo, *, sizes: str, crop: str = "", eager: bool = False, decorative: bool = False, css_class: str = ""):
    """A responsive ``<picture>`` of ``photo``: WebP sources with a JPEG fallback, each with its
    ``srcset`` and ``sizes``, intrinsic ``width``/``height`` against layout shift, lazy loading
    unless ``eager`` (the page's first photo, which is also fetched with high priority). ``crop``
    "card" uses the square crop. Until the renditions are ready: a neutral placeholder image.
    """
    kind = "card" if crop == "card" else "width"
    sources = photo_sources(photo, kind=kind)
    if sources is None:
        width, height = _placeholder_size(photo, kind)
    else:
        width, height = sources["width"], sources["height"]
    return {
        "sources": sources,
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": "" if decorative else photo.alt_text,
        "eager": eager,
        "css_class": css_class,
    }


@register.filter
def largest_jpeg(photo) -> dict | None:
    """The largest JPEG rendition of a ready photo (``url``, ``width``, ``height``): for social cards."""
    return photo_largest_jpeg(photo)


def _placeholder_size(photo, kind: str) -> tuple[int, int]:
    from catalog.imaging import CARD_SIZE

    if kind == "card":
        side = min(CARD_SIZE, photo.width or CARD_SIZE, photo.height or CARD_SIZE)
        return side, side
    if not (photo.width and photo.height):
        return PLACEHOLDER_WIDTH, PLACEHOLDER_WIDTH * 3 // 4
    width = min(PLACEHOLDER_WIDTH, photo.width)
    return width, max(1, round(width * photo.height / photo.width))


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` with scheme and host, as social cards and search engines want it."""
    return context["request"].build_absolute_uri(url)


def json_ld_script(data: dict) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_IN_HTML_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, images) -> str:
    """schema.org ``Product`` structured data for ``product``, as a JSON-LD script block."""
    request = context["request"]
    url = request.build_absolute_uri(product.get_absolute_url())
    cooperative = request.build_absolute_uri(product.cooperative.get_absolute_url())
    producer = {"@type": "Organization", "name": product.cooperative.name, "url": cooperative}
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.summary or " ".join(text for _title, text in product.story_sections()),
        "sku": product.slug,
        "url": url,
        "image": [request.build_absolute_uri(jpeg["url"]) for jpeg in map(photo_largest_jpeg, images) if jpeg],
        "category": product.category.name,
        "brand": {"@type": "Brand", "name": product.cooperative.name},
        "manufacturer": producer,
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": settings.MARKETPLACE_CURRENCY,
            "availability": SCHEMA_AVAILABILITY[availability(product)],
            "url": url,
            "seller": producer,
        },
    }
    if product.weight_grams:
        data["weight"] = {"@type": "QuantitativeValue", "value": product.weight_grams, "unitCode": "GRM"}
    return json_ld_script(data)
