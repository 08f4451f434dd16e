"""The account API at /api/accounts/: who am I, and a token for the seller API in exchange for an
e-mail and password. Both logins (Basic on any API call, the token request) go through
``authenticate(request=...)``, so django-axes counts and refuses them like the web login."""
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import BasicAuthentication, SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import User
from . import services


class AccountOutput(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "email", "full_name", "language", "email_confirmed_at")


class MeApi(APIView):
    authentication_classes = (SessionAuthentication, BasicAuthentication, TokenAuthentication)
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=AccountOutput, summary="The signed-in account")
    def get(self, request):
        return Response(AccountOutput(request.user).data)


class TokenInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()


class TokenObtainApi(APIView):
    """POST an e-mail and password, get the account's API token (``Authorization: Token <key>``)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    @extend_schema(request=TokenInput, responses=TokenOutput, summary="Exchange e-mail and password for a token")
    def post(self, request):
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request=request, email=data.validated_data["email"].strip().lower(),
                            password=data.validated_data["password"])
        if user is None:
            raise AuthenticationFailed(_("The e-mail address or the password is not right."))
        return Response({"token": services.api_token_for(user=user)})
