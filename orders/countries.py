"""The countries the marketplace delivers to: name, region of the world (for the regional
shipping zone) and the shape of their postal codes (for address validation).

The list is data the shipping rates depend on; a country missing here cannot be shipped to.
"""
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Country:
    name: str
    region: str
    # A full-match pattern, or "" where addresses have no postal code.
    postal_code: str = ""
    postal_code_required: bool = False


SOUTHEAST_ASIA, EAST_ASIA, SOUTH_ASIA, OCEANIA, EUROPE, AMERICAS = (
    "southeast_asia", "east_asia", "south_asia", "oceania", "europe", "americas",
)

COUNTRIES: dict[str, Country] = {
    "VN": Country(_("Viet Nam"), SOUTHEAST_ASIA, r"\d{5,6}"),
    "TH": Country(_("Thailand"), SOUTHEAST_ASIA, r"\d{5}", True),
    "LA": Country(_("Laos"), SOUTHEAST_ASIA, r"\d{5}"),
    "KH": Country(_("Cambodia"), SOUTHEAST_ASIA, r"\d{5,6}"),
    "MM": Country(_("Myanmar"), SOUTHEAST_ASIA, r"\d{5}"),
    "MY": Country(_("Malaysia"), SOUTHEAST_ASIA, r"\d{5}", True),
    "SG": Country(_("Singapore"), SOUTHEAST_ASIA, r"\d{6}", True),
    "ID": Country(_("Indonesia"), SOUTHEAST_ASIA, r"\d{5}", True),
    "PH": Country(_("Philippines"), SOUTHEAST_ASIA, r"\d{4}", True),
    "BN": Country(_("Brunei"), SOUTHEAST_ASIA, r"[A-Za-z]{2}\s?\d{4}"),
    "TL": Country(_("Timor-Leste"), SOUTHEAST_ASIA),
    "JP": Country(_("Japan"), EAST_ASIA, r"\d{3}-?\d{4}", True),
    "KR": Country(_("South Korea"), EAST_ASIA, r"\d{5}", True),
    "CN": Country(_("China"), EAST_ASIA, r"\d{6}", True),
    "TW": Country(_("Taiwan"), EAST_ASIA, r"\d{3}(\d{2,3})?"),
    "HK": Country(_("Hong Kong"), EAST_ASIA),
    "IN": Country(_("India"), SOUTH_ASIA, r"\d{6}", True),
    "AU": Country(_("Australia"), OCEANIA, r"\d{4}", True),
    "NZ": Country(_("New Zealand"), OCEANIA, r"\d{4}", True),
    "GB": Country(_("United Kingdom"), EUROPE, r"[A-Za-z0-9]{2,4}\s?[0-9][A-Za-z]{2}", True),
    "FR": Country(_("France"), EUROPE, r"\d{5}", True),
    "DE": Country(_("Germany"), EUROPE, r"\d{5}", True),
    "NL": Country(_("Netherlands"), EUROPE, r"\d{4}\s?[A-Za-z]{2}", True),
    "US": Country(_("United States"), AMERICAS, r"\d{5}(-\d{4})?", True),
    "CA": Country(_("Canada"), AMERICAS, r"[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d", True),
    "PE": Country(_("Peru"), AMERICAS, r"\d{5}"),
}


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for a form's select, by name in the active language."""
    return sorted(((code, str(country.name)) for code, country in COUNTRIES.items()), key=lambda c: c[1])


def postal_code_valid(*, country: str, postal_code: str) -> bool:
    """Whether ``postal_code`` has the shape ``country`` uses (empty is fine where it is optional)."""
    spec = COUNTRIES.get(country)
    if spec is None:
        return False
    postal_code = postal_code.strip()
    if not postal_code:
        return not spec.postal_code_required
    return not spec.postal_code or re.fullmatch(spec.postal_code, postal_code) is not None
