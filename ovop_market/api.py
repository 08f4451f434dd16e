"""API-wide behaviour: every error is a JSON body with a ``detail``."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    request = context.get("request")
    if getattr(request, "axes_locked_out", False):
        # django-axes refused a login (Basic auth, token request) after too many failures.
        from .accounts.lockout import lockout_message, lockout_minutes

        return Response({"detail": lockout_message(request)}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                        headers={"Retry-After": str(lockout_minutes(request) * 60)})
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        # get_object_or_404's message names the model, untranslated; say "Not found." in the user's language.
        exc = NotFound()
    return drf_exception_handler(exc, context)
