"""/healthz reports the database and, when configured, Redis."""
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["redis"] == ("ok" if settings.REDIS_URL else "not configured")


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    # Port 9 (discard) on loopback has no Redis: the check must fail, not hang.
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"].startswith("error")
