"""A Redis outage makes pages slower, never broken: the cache steps aside."""
import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_storefront_answers_while_the_cache_server_is_unreachable(client, settings):
    # Port 9 on loopback has no Redis: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "ovop_market.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    product = ProductFactory(name="Bamboo rice basket")

    assert client.get("/products/", {"q": "bamboo"}).status_code == 200
    assert client.get(product.get_absolute_url()).status_code == 200
