"""The account API at /api/accounts/ (not language-prefixed)."""
from django.urls import path

from . import api

app_name = "accounts_api"

urlpatterns = [
    path("me/", api.MeApi.as_view(), name="me"),
    path("token/", api.TokenObtainApi.as_view(), name="token"),
]
