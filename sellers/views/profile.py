"""The cooperative's profile once it is verified: owners (or an officer acting on its behalf) keep
its story, contact and member numbers up to date; members see it. What an officer checked at
verification (name, type, village, payout) is shown but not changed here. Before verification the
onboarding wizard is where the details are filled in."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..models import Cooperative


def _cooperative(request, pk: int | None) -> Cooperative | None:
    """The cooperative asked for by ``pk`` (404 unless the user may act for it), else the one
    chosen in the seller centre's switcher."""
    if pk is None:
        return selectors.acting_cooperative(request)
    cooperative = get_object_or_404(Cooperative.objects.select_related("village"), pk=pk)
    if not selectors.may_act_for(user=request.user, cooperative=cooperative):
        raise Http404
    return cooperative


@login_required
def cooperative_profile(request, pk: int | None = None):
    cooperative = _cooperative(request, pk)
    if cooperative is None:
        return redirect("sellers:act_for" if request.user.is_staff else "sellers:onboarding")
    request.cooperative = cooperative  # the seller centre's header names it
    request.acting_on_behalf = services.acts_on_behalf(cooperative=cooperative, by=request.user)
    verified = cooperative.verification_status == Cooperative.Verification.VERIFIED
    manages = selectors.may_act_for(user=request.user, cooperative=cooperative, owner_only=True)
    editable = verified and manages
    if request.method == "POST" and not editable:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    story_form = forms.StoryContactForm(data, instance=cooperative)
    members_form = forms.MembersForm(data, instance=cooperative)
    valid = [form.is_valid() for form in (story_form, members_form)]  # both, so both show their errors
    if data is not None and all(valid):
        cleaned = {**story_form.cleaned_data, **members_form.cleaned_data}
        try:
            services.cooperative_profile_update(
                cooperative=cooperative, by=request.user,
                **{name: cleaned[name] for name in services.PROFILE_FIELDS},
            )
        except ValidationError as error:
            story_form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    return render(request, "sellers/cooperative_profile.html", {
        "cooperative": cooperative,
        "verified": verified,
        "in_onboarding": cooperative.verification_status not in (
            Cooperative.Verification.VERIFIED, Cooperative.Verification.SUSPENDED),
        "manages": manages,
        "editable": editable,
        "on_behalf": editable and services.acts_on_behalf(cooperative=cooperative, by=request.user),
        "story_form": story_form,
        "members_form": members_form,
        "several": request.user.is_staff or selectors.cooperatives_acted_for(user=request.user).count() > 1,
    })
