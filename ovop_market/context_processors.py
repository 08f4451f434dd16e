from django.conf import settings


def marketplace(request):
    return {"MARKETPLACE_CURRENCY": settings.MARKETPLACE_CURRENCY}
