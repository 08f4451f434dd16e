"""The demo seed ships believable shipping methods and the demo buyer's orders from the artisan's
cooperative in several states, one of them delivered and reviewed; a second run adds nothing."""
import pytest
from django.db import transaction
from django.test import override_settings

from orders.models import Order, Payment, Review, ShippingMethod, ShippingRate
from orders.selectors import shipping_quotes
from ovop_market.demo.seed import demo_seed
from sellers.models import Cooperative

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("seed-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
        with transaction.atomic():
            demo_seed(image_size=(320, 240))
            yield
            transaction.set_rollback(True)


def test_every_country_of_the_demo_ships_with_its_postal_service_and_rates_by_zone_and_weight(seeded):
    carriers = set(ShippingMethod.objects.values_list("carrier", flat=True))
    assert {"Vietnam Post", "EMS", "Thailand Post", "Japan Post", "Ninja Van"} <= carriers
    assert ShippingRate.objects.filter(method__carrier="Ninja Van", zone="international").count() == 0
    cooperative = Cooperative.objects.get(slug="bat-trang-blue-glaze-cooperative")
    home = shipping_quotes(cooperative=cooperative, country="VN", weight_grams=1600, fragile=True,
                           lead_time_days=None)
    abroad = shipping_quotes(cooperative=cooperative, country="JP", weight_grams=1600, fragile=True,
                             lead_time_days=None)
    assert len(home) == 3 and len(abroad) == 2
    assert home[0].price < abroad[0].price


def test_the_demo_buyer_has_orders_in_several_states_and_a_reviewed_delivery(seeded):
    orders = Order.objects.filter(user__email="buyer@ovop.market")
    states = sorted(orders.values_list("shipments__status", flat=True))
    assert states == ["cancelled", "confirmed", "delivered", "placed", "shipped"]
    assert set(orders.values_list("shipments__cooperative__slug", flat=True)) == {"bat-trang-blue-glaze-cooperative"}
    review = Review.objects.get(author__email="buyer@ovop.market")
    assert review.rating == 5 and review.reply and review.line.shipment.status == "delivered"
    assert Payment.objects.filter(shipment__order__in=orders, status="paid").count() == 2
    assert set(Payment.objects.filter(shipment__order__in=orders).values_list("method", flat=True)) == {
        "cod", "bank_transfer"}


def test_seeding_again_adds_no_orders(seeded):
    before = (Order.objects.count(), ShippingMethod.objects.count(), Review.objects.count())
    assert demo_seed(image_size=(320, 240))["created"]["orders"] == 0
    assert (Order.objects.count(), ShippingMethod.objects.count(), Review.objects.count()) == before
