"""Buyer forms: cart quantities, checkout contact and address (checked per country), shipping and
payment choices, reviews.

Forms only check the shape of what was sent; prices, totals, stock and who may do what are the
services' business (``orders.services``). Nothing the client sends about money is ever read.
"""
import re
import secrets
from dataclasses import dataclass

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from catalog.uploads import UploadedImageField

from .countries import COUNTRIES, country_choices, postal_code_valid
from .models import MAX_LINE_QUANTITY, PaymentMethod


@dataclass(frozen=True)
class AddressRules:
    """How one country writes addresses and phone numbers, beyond the postal code shape that
    ``orders.countries`` knows."""

    calling_code: str
    # Digits of the national number, without the country code or the leading trunk "0".
    phone_digits: tuple[int, int] = (6, 12)
    province_required: bool = False
    province_label: str = _("Province or state")
    postal_code_example: str = ""


# Countries whose rules we know; any other country in ``COUNTRIES`` gets the generic ones.
ADDRESS_RULES: dict[str, AddressRules] = {
    "VN": AddressRules("84", (9, 10), True, _("Province or city"), "100000"),
    "TH": AddressRules("66", (8, 9), True, _("Province"), "10200"),
    "JP": AddressRules("81", (9, 10), True, _("Prefecture"), "870-0022"),
    "LA": AddressRules("856", (8, 10), True, _("Province"), "06000"),
    "ID": AddressRules("62", (8, 12), True, _("Province"), "55281"),
    "MY": AddressRules("60", (8, 10), True, _("State"), "50450"),
    "PE": AddressRules("51", (8, 9), True, _("Region (department)"), "15001"),
    "KH": AddressRules("855", (8, 9), False, _("Province"), "120101"),
    "PH": AddressRules("63", (9, 10), True, _("Province"), "1000"),
    "SG": AddressRules("65", (8, 8), False, _("Province or state"), "018956"),
    "US": AddressRules("1", (10, 10), True, _("State"), "94103"),
    "CA": AddressRules("1", (10, 10), True, _("Province"), "K1A 0B1"),
    "AU": AddressRules("61", (9, 9), True, _("State or territory"), "2000"),
    "CN": AddressRules("86", (10, 11), True, _("Province"), "100000"),
    "GB": AddressRules("44", (9, 10), False, _("County"), "SW1A 1AA"),
}
GENERIC_RULES = AddressRules("", (6, 13))
PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def address_rules(country: str) -> AddressRules:
    return ADDRESS_RULES.get(country, GENERIC_RULES)


def phone_normalise(*, phone: str, country: str) -> str | None:
    """``phone`` as "+<country code> <digits>", or None when it cannot be a number of ``country``.

    Accepts the ways people type numbers: "+84 91 234 5678", "0912-345-678", "(02) 123 4567".
    A number with another country's code is kept as typed (a buyer may give a foreign mobile).
    """
    compact = PHONE_SEPARATORS.sub("", phone.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    international = compact.startswith("+")
    digits = compact[1:] if international else compact
    if not digits.isdigit():
        return None
    rules = address_rules(country)
    low, high = rules.phone_digits
    if international:
        if rules.calling_code and digits.startswith(rules.calling_code):
            national = digits[len(rules.calling_code):]
            if low <= len(national) <= high:
                return f"+{rules.calling_code} {national}"
            return None
        # Another country's number: E.164 allows at most 15 digits.
        return f"+{digits}" if 8 <= len(digits) <= 15 else None
    national = digits[1:] if digits.startswith("0") and len(digits) - 1 >= low else digits
    if not low <= len(national) <= high:
        return None
    return f"+{rules.calling_code} {national}" if rules.calling_code else national


class CartAddForm(forms.Form):
    """The product page's "add to cart": which product, how many (one when not said)."""

    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantity"), initial=1, min_value=1, max_value=MAX_LINE_QUANTITY, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MAX_LINE_QUANTITY}),
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        return 1 if quantity is None else quantity


class CartLineForm(forms.Form):
    """Change one cart line's quantity (0 is not allowed: the buyer removes the line instead)."""

    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_LINE_QUANTITY,
        error_messages={
            "min_value": _("Choose at least 1, or remove the product from your cart."),
            "max_value": _("At most %(limit_value)s of one product per order."),
        },
    )


class CartRemoveForm(forms.Form):
    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CheckoutForm(forms.Form):
    """Contact and delivery address; each cooperative's choices come with ``ShipmentChoiceForm``.

    The idempotency key is made when the page is drawn, so every submission of that page (a double
    tap, a retried request) asks for the same order.
    """

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        help_text=_("We send the order confirmation and its link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("Phone"), max_length=30, help_text=_("For the courier; with the country code if it is not local."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    country = forms.ChoiceField(label=_("Country"), widget=forms.Select(attrs={"autocomplete": "country"}))
    province = forms.CharField(label=_("Province or state"), max_length=100, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "address-level1"}))
    city = forms.CharField(label=_("City or district"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False,
                                  widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    address_line1 = forms.CharField(label=_("Address"), max_length=200,
                                    help_text=_("House number, street, ward or village."),
                                    widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    address_line2 = forms.CharField(label=_("Address (line 2)"), max_length=200, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "address-line2"}))
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput,
                                      error_messages={"required": _("This form has expired. Please try again.")})

    CONTACT_FIELDS = ("email", "full_name", "phone")
    ADDRESS_FIELDS = ("country", "province", "city", "postal_code", "address_line1", "address_line2")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose your country")), *country_choices()]
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = new_idempotency_key()
        country = self.country_code()
        rules = address_rules(country)
        self.fields["province"].label = rules.province_label
        self.fields["province"].required = rules.province_required
        if rules.province_required:
            self.fields["province"].error_messages["required"] = _(
                "Please give the %(label)s: couriers in %(country)s need it."
            ) % {"label": str(rules.province_label).lower(), "country": COUNTRIES[country].name}
        if rules.postal_code_example:
            self.fields["postal_code"].help_text = _("For example %(example)s.") % {
                "example": rules.postal_code_example
            }

    def country_code(self) -> str:
        """The country chosen (bound data first), or "" if none that we deliver to."""
        value = self.data.get(self.add_prefix("country")) if self.is_bound else self.initial.get("country")
        return value if value in COUNTRIES else ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_postal_code(self):
        return " ".join(self.cleaned_data["postal_code"].split()).upper()

    def clean(self):
        data = super().clean()
        country = data.get("country")
        if not country:
            return data
        rules = address_rules(country)
        postal_code = data.get("postal_code")
        if postal_code is not None and not postal_code_valid(country=country, postal_code=postal_code):
            spec = COUNTRIES[country]
            if not postal_code and spec.postal_code_required:
                message = _("Please give the postal code: it is needed in %(country)s.")
            elif rules.postal_code_example:
                message = _("This is not a postal code of %(country)s (for example %(example)s).")
            else:
                message = _("This is not a postal code of %(country)s.")
            self.add_error("postal_code", forms.ValidationError(
                message, code="postal_code", params={"country": spec.name, "example": rules.postal_code_example}
            ))
        elif postal_code and country == "JP" and "-" not in postal_code:
            data["postal_code"] = f"{postal_code[:3]}-{postal_code[3:]}"
        phone = data.get("phone")
        if phone is not None:
            normalised = phone_normalise(phone=phone, country=country)
            if normalised is None:
                low, high = rules.phone_digits
                self.add_error("phone", forms.ValidationError(
                    _("This does not look like a phone number in %(country)s (%(low)s–%(high)s digits after the "
                      "country code)."),
                    code="phone", params={"country": COUNTRIES[country].name, "low": low, "high": high},
                ))
            else:
                data["phone"] = normalised
        return data

    def contact(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.CONTACT_FIELDS}

    def address(self) -> dict:
        return {name: self.cleaned_data[name].strip() for name in self.ADDRESS_FIELDS}


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


class ShipmentChoiceForm(forms.Form):
    """One cooperative's shipping method and payment method, among those offered for the address.

    The choices are given by the view from ``shipping_quotes`` and ``payment_methods_for``: a
    method id that is not among them (tampered, or offered for another country) is refused.
    """

    shipping_method = forms.TypedChoiceField(
        label=_("Shipping"), coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how this parcel is sent."),
                        "invalid_choice": _("That shipping method is not offered for this address; please choose "
                                            "again.")},
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how you pay for this parcel."),
                        "invalid_choice": _("That payment method is not offered here; please choose again.")},
    )

    def __init__(self, *args, quotes=(), payment_methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.quotes = list(quotes)
        self.fields["shipping_method"].choices = [(quote.method.pk, quote.method.name) for quote in self.quotes]
        labels = dict(PaymentMethod.choices)
        self.fields["payment_method"].choices = [(method, labels[method]) for method in payment_methods]
        if self.quotes and not self.is_bound:
            self.initial.setdefault("shipping_method", self.quotes[0].method.pk)
        if len(payment_methods) == 1 and not self.is_bound:
            self.initial.setdefault("payment_method", payment_methods[0])

    def quote_chosen(self):
        """The quote of the method chosen (in the bound data, even if the form is invalid), else the
        cheapest: it prices the review of totals."""
        raw = self.data.get(self.add_prefix("shipping_method")) if self.is_bound else self.initial.get(
            "shipping_method")
        for quote in self.quotes:
            if str(quote.method.pk) == str(raw):
                return quote
        return self.quotes[0] if self.quotes else None

    def shipping_options(self):
        """(bound radio, quote) pairs: the template shows each method with its price and days."""
        radios = list(self["shipping_method"])
        return list(zip(radios, self.quotes, strict=True))


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"), coerce=int, widget=forms.RadioSelect,
        choices=[(n, _("%(stars)s of 5") % {"stars": n}) for n in range(5, 0, -1)],
        error_messages={"required": _("Please choose from 1 to 5 stars.")},
    )
    text = forms.CharField(
        label=_("Your review"), required=False, max_length=4000,
        help_text=_("What did you like? How was the quality, the packing, the delivery?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photo = UploadedImageField(label=_("Photo (optional)"), required=False)

    def clean_rating(self):
        rating = self.cleaned_data["rating"]
        MinValueValidator(1)(rating)
        MaxValueValidator(5)(rating)
        return rating
