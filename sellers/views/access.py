"""Who reaches the seller centre, and for which cooperative."""
from functools import wraps

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from catalog.models import Product
from sellers.selectors import acting_cooperative, cooperatives_acted_for
from sellers.services import acts_on_behalf


def onboarding_url() -> str:
    try:
        return reverse("sellers:onboarding")
    except NoReverseMatch:
        return "/seller/onboarding/"


def second_factor_url(next_url: str) -> str:
    """Admin's second-factor page (it sends an officer with no device on to enrolment), then ``next_url``."""
    return f"{reverse('admin:second_factor')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def seller_required(view):
    """Members of a cooperative, or staff acting for one; sets ``request.cooperative``.
    Anonymous users log in; users without a cooperative go to onboarding; staff choose one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            try:
                return redirect_to_login(request.get_full_path())
            except NoReverseMatch:  # the accounts pages are not mounted (yet)
                return redirect_to_login(request.get_full_path(), login_url="/accounts/login/")
        request.cooperative = acting_cooperative(request)
        if request.cooperative is None:
            if request.user.is_staff:
                return redirect("sellers:act_for")
            return redirect(onboarding_url())
        # The header says so when an officer works for a cooperative they do not belong to.
        request.acting_on_behalf = acts_on_behalf(cooperative=request.cooperative, by=request.user)
        return view(request, *args, **kwargs)

    return wrapper


def product_for(request, pk) -> Product:
    """A product of a cooperative the user may act for, else 404 (never saying it exists)."""
    return get_object_or_404(
        Product.objects.select_related("cooperative", "category"),
        pk=pk, cooperative__in=cooperatives_acted_for(user=request.user),
    )
