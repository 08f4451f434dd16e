"""Shipping: zones seen from the cooperative's country, weight bands, the fragile surcharge,
made-to-order lead time, methods limited to some countries; and which payment methods apply."""
from decimal import Decimal

import pytest

from orders.models import PaymentMethod, ShippingRate, Zone
from orders.selectors import cooperative_country, payment_methods_for, shipping_quotes, shipping_zone

from .factories import SellerFactory, ShippingMethodFactory

pytestmark = pytest.mark.django_db


def test_zones_are_domestic_regional_or_international_from_the_sellers_country():
    assert shipping_zone(origin="VN", destination="VN") == Zone.DOMESTIC
    assert shipping_zone(origin="VN", destination="TH") == Zone.REGIONAL
    assert shipping_zone(origin="VN", destination="JP") == Zone.INTERNATIONAL
    assert shipping_zone(origin="VN", destination="XX") is None


def test_a_cooperative_ships_from_its_villages_country():
    assert cooperative_country(cooperative=SellerFactory(country="TH")) == "TH"


def test_the_smallest_band_that_holds_the_parcel_prices_it_cheapest_first():
    seller = SellerFactory()
    cheap, dear = ShippingMethodFactory(name="Vietnam Post"), ShippingMethodFactory(name="EMS")
    ShippingRate.objects.filter(method=dear).update(price=Decimal("50.00"))
    quotes = shipping_quotes(cooperative=seller, country="VN", weight_grams=1200, fragile=False, lead_time_days=None)
    assert [q.method for q in quotes] == [cheap, dear]
    assert quotes[0].price == Decimal("6.00")  # the 5 kg band: 3.00 × 2
    assert (quotes[0].min_days, quotes[0].max_days, quotes[0].zone) == (2, 4, Zone.DOMESTIC)
    assert shipping_quotes(cooperative=seller, country="VN", weight_grams=1000, fragile=False,
                           lead_time_days=None)[0].price == Decimal("3.00")


def test_too_heavy_for_every_band_means_no_quote():
    ShippingMethodFactory()
    assert shipping_quotes(cooperative=SellerFactory(), country="VN", weight_grams=20001, fragile=False,
                           lead_time_days=None) == []


def test_fragile_goods_pay_the_surcharge_and_made_to_order_adds_its_lead_time():
    ShippingMethodFactory(fragile_surcharge=Decimal("4.50"))
    quote, = shipping_quotes(cooperative=SellerFactory(), country="JP", weight_grams=500, fragile=True,
                             lead_time_days=21)
    assert quote.zone == Zone.INTERNATIONAL
    assert quote.price == Decimal("29.50")
    assert (quote.min_days, quote.max_days) == (8 + 21, 15 + 21)


def test_methods_limited_to_some_countries_and_inactive_ones_are_not_offered():
    thai_post = ShippingMethodFactory(name="Thailand Post", origin_countries="TH")
    ShippingMethodFactory(name="Retired courier", active=False)
    assert shipping_quotes(cooperative=SellerFactory(country="VN"), country="VN", weight_grams=100, fragile=False,
                           lead_time_days=None) == []
    quotes = shipping_quotes(cooperative=SellerFactory(country="TH"), country="TH", weight_grams=100,
                             fragile=False, lead_time_days=None)
    assert [q.method for q in quotes] == [thai_post]


def test_an_unknown_destination_or_a_cooperative_without_a_village_cannot_be_shipped_to():
    ShippingMethodFactory()
    assert shipping_quotes(cooperative=SellerFactory(), country="ZZ", weight_grams=100, fragile=False,
                           lead_time_days=None) == []
    assert shipping_quotes(cooperative=SellerFactory(village=None), country="VN", weight_grams=100, fragile=False,
                           lead_time_days=None) == []


def test_cash_on_delivery_only_at_home_bank_transfer_only_with_payout_details_card_always():
    seller = SellerFactory()
    assert payment_methods_for(cooperative=seller, country="VN") == [
        PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD]
    assert payment_methods_for(cooperative=seller, country="JP") == [PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD]
    no_payout = SellerFactory(payout_account_number="", accepts_cash_on_delivery=False)
    assert payment_methods_for(cooperative=no_payout, country="VN") == [PaymentMethod.CARD]
    refuses_transfer = SellerFactory(accepts_bank_transfer=False)
    assert PaymentMethod.BANK_TRANSFER not in payment_methods_for(cooperative=refuses_transfer, country="VN")
