"""Members, invitations and makers. Every page acts on the cooperative chosen in the seller
centre's switcher (``sellers:act_for``, ``selectors.acting_cooperative``); managing members needs
an owner, or an officer acting on the cooperative's behalf."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, selectors, services
from ..models import Maker, Membership, MembershipInvitation


def _current(request, *, owner_only: bool = False):
    """The acting cooperative and whether the user manages it (an owner, or staff on its behalf)."""
    cooperative = selectors.acting_cooperative(request)
    if cooperative is None:
        return None, False
    manages = selectors.may_act_for(user=request.user, cooperative=cooperative, owner_only=True)
    if owner_only and not manages:
        raise PermissionDenied
    return cooperative, manages


@login_required
def members(request):
    cooperative, is_owner = _current(request)
    if cooperative is None:
        return redirect("sellers:onboarding")
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.membership_invite(cooperative=cooperative, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("sellers:members")
    return render(request, "sellers/members/list.html", {
        "cooperative": cooperative,
        "is_owner": is_owner,
        "memberships": cooperative.memberships.select_related("user").order_by("role", "user__email"),
        "invitations": cooperative.invitations.filter(accepted_at__isnull=True).order_by("-created_at")
        if is_owner else [],
        "form": form,
        "roles": Membership.Role.choices,
        "documents": selectors.cooperative_documents(cooperative=cooperative),
    })


def _member(request, pk):
    cooperative, _membership = _current(request, owner_only=True)
    if cooperative is None:
        raise Http404
    return get_object_or_404(Membership.objects.select_related("user"), pk=pk, cooperative=cooperative)


@login_required
@require_POST
def member_role(request, pk: int):
    membership = _member(request, pk)
    form = forms.RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role changed."))
    return redirect("sellers:members")


@login_required
@require_POST
def member_remove(request, pk: int):
    membership = _member(request, pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(member)s was removed.") % {"member": membership.user})
    return redirect("sellers:members")


@login_required
def invitation_accept(request, token: str):
    """GET shows what the invitation is for; POST joins. The token is checked again on POST."""
    invitation = MembershipInvitation.objects.select_related("cooperative").filter(token=token).first()
    error = None
    if request.method == "POST":
        try:
            membership = services.membership_invitation_accept(token=token, user=request.user)
        except (ValidationError, PermissionDenied) as refusal:
            error = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
        else:
            request.session[selectors.CURRENT_COOPERATIVE_SESSION_KEY] = membership.cooperative_id
            messages.success(request, _("You are now a member of %(cooperative)s.") % {
                "cooperative": membership.cooperative})
            return redirect("sellers:members")
    status = 200 if error is None and invitation is not None else 400
    if invitation is None:
        error = _("This invitation link is not valid or has already been used.")
    return render(request, "sellers/members/invitation.html", {"invitation": invitation, "error": error},
                  status=status)


@login_required
def makers(request):
    cooperative, _membership = _current(request)
    if cooperative is None:
        return redirect("sellers:onboarding")
    form = forms.MakerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.maker_save(cooperative=cooperative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Maker added."))
            return redirect("sellers:makers")
    return render(request, "sellers/makers/list.html", {
        "cooperative": cooperative, "makers": cooperative.makers.all(), "form": form,
    })


@login_required
def maker_edit(request, pk: int):
    cooperative, _membership = _current(request)
    maker = get_object_or_404(Maker, pk=pk, cooperative=cooperative) if cooperative else None
    if maker is None:
        raise Http404
    form = forms.MakerForm(request.POST or None, initial={"name": maker.name, "bio": maker.bio})
    if request.method == "POST" and form.is_valid():
        try:
            services.maker_save(cooperative=cooperative, by=request.user, maker=maker, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Saved."))
            return redirect("sellers:makers")
    return render(request, "sellers/makers/edit.html", {"cooperative": cooperative, "maker": maker, "form": form})


@login_required
@require_POST
def maker_remove(request, pk: int):
    cooperative, _membership = _current(request)
    maker = get_object_or_404(Maker, pk=pk, cooperative=cooperative) if cooperative else None
    if maker is None:
        raise Http404
    services.maker_remove(maker=maker, by=request.user)
    messages.success(request, _("Maker removed."))
    return redirect("sellers:makers")
