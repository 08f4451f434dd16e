"""Cooperative onboarding: a wizard whose every step is saved to a draft cooperative on submit,
so a dropped connection loses nothing and any step can be revisited. Owners (or an officer
acting on the cooperative's behalf) fill it in; submitting sends it for verification."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.models import Region
from ovop_market.officers import officer_second_factor_verified

from .. import forms, selectors, services
from ..models import Cooperative, CooperativeDocument
from .access import second_factor_url

Verification = Cooperative.Verification

# (slug, title, form class) in wizard order; "documents" and "review" have pages of their own.
STEPS = (
    ("kind", gettext_lazy("Type"), forms.KindForm),
    ("name", gettext_lazy("Name and village"), forms.NameVillageForm),
    ("members", gettext_lazy("Members"), forms.MembersForm),
    ("story", gettext_lazy("Story and contact"), forms.StoryContactForm),
    ("programmes", gettext_lazy("Programme registrations"), forms.ProgrammesForm),
    ("documents", gettext_lazy("Documents"), None),
    ("payout", gettext_lazy("Payout details"), forms.PayoutForm),
    ("review", gettext_lazy("Review and submit"), None),
)
STEP_NAMES = [name for name, _title, _form in STEPS]


def _application(request, pk: int) -> Cooperative:
    """An application the user may fill in: an owner's, or any for a staff officer. Others get 404."""
    cooperative = get_object_or_404(Cooperative.objects.select_related("village", "proposed_village_district"), pk=pk)
    if not selectors.may_act_for(user=request.user, cooperative=cooperative, owner_only=True):
        raise Http404
    return cooperative


def _next_step(step: str) -> str:
    return STEP_NAMES[min(STEP_NAMES.index(step) + 1, len(STEP_NAMES) - 1)]


def _context(cooperative, step, **extra):
    return {
        "cooperative": cooperative,
        "steps": [{"name": name, "title": title} for name, title, _form in STEPS],
        "step": step,
        "step_title": dict((name, title) for name, title, _form in STEPS)[step],
        "editable": cooperative.verification_status in services.EDITABLE_STATUSES,
        "on_behalf": services.acts_on_behalf(cooperative=cooperative, by=extra.pop("user")),
        "last_decision": cooperative.status_changes.filter(
            to_status__in=(Verification.CHANGES_REQUESTED, Verification.REJECTED)
        ).first() if cooperative.verification_status in (Verification.CHANGES_REQUESTED, Verification.REJECTED)
        else None,
        **extra,
    }


@login_required
def onboarding_index(request):
    """The user's applications and cooperatives, each with its status and a way back in."""
    cooperatives = selectors.cooperatives_of(user=request.user)
    filed = Cooperative.objects.none()
    if request.user.is_staff:
        filed = Cooperative.objects.filter(applied_by=request.user).exclude(memberships__user=request.user)
    return render(request, "sellers/onboarding/index.html", {"cooperatives": cooperatives, "filed": filed})


@login_required
def onboarding_start(request):
    """The first step, which creates the draft. Staff may file it on a cooperative's behalf."""
    form = forms.KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        on_behalf = request.user.is_staff and request.POST.get("on_behalf") == "1"
        if on_behalf and not officer_second_factor_verified(request.user):
            # Acting on a cooperative's behalf needs the second factor; the form is short to fill again.
            return redirect(second_factor_url(request.path))
        cooperative = services.cooperative_application_start(
            by=request.user, kind=form.cleaned_data["kind"], on_behalf=on_behalf,
        )
        return redirect("sellers:onboarding_step", pk=cooperative.pk, step="name")
    return render(request, "sellers/onboarding/start.html", {"form": form})


@login_required
def onboarding_step(request, pk: int, step: str):
    cooperative = _application(request, pk)
    if step == "documents":
        return _documents_step(request, cooperative)
    if step == "review":
        return _review_step(request, cooperative)
    form_class = dict((name, form) for name, _title, form in STEPS if form).get(step)
    if form_class is None:
        raise Http404
    editable = cooperative.verification_status in services.EDITABLE_STATUSES
    extra_kwargs, extra_context = {}, {}
    if step == "name":
        extra_kwargs["district"], extra_context = _region_choice(request, cooperative)
    form = form_class(request.POST if request.method == "POST" else None, instance=cooperative, **extra_kwargs)
    if request.method == "POST" and editable and form.is_valid():
        fields = form.step_fields() if hasattr(form, "step_fields") else {
            name: form.cleaned_data[name] for name in form_class._meta.fields
        }
        try:
            services.cooperative_application_update(cooperative=cooperative, by=request.user, step=step, fields=fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("sellers:onboarding_step", pk=cooperative.pk, step=_next_step(step))
    template = "sellers/onboarding/name.html" if step == "name" else "sellers/onboarding/step.html"
    return render(request, template, _context(cooperative, step, user=request.user, form=form, **extra_context))


def _region_choice(request, cooperative):
    """Province → district narrowing with plain GET forms (no JavaScript needed)."""
    provinces = Region.objects.filter(kind=Region.Kind.PROVINCE).select_related("parent").order_by("path")
    district = None
    province = None
    chosen_district = request.POST.get("district") or request.GET.get("district")
    if chosen_district and chosen_district.isdigit():
        district = Region.objects.filter(kind=Region.Kind.DISTRICT, pk=chosen_district).select_related("parent").first()
    if district is None and cooperative.village_id and cooperative.village.parent_id:
        district = Region.objects.filter(pk=cooperative.village.parent_id, kind=Region.Kind.DISTRICT).first()
    if district is None and cooperative.proposed_village_district_id:
        district = cooperative.proposed_village_district
    chosen_province = request.GET.get("province")
    if chosen_province and chosen_province.isdigit():
        province = provinces.filter(pk=chosen_province).first()
        if district is not None and district.parent_id != getattr(province, "pk", None):
            district = None
    if province is None and district is not None:
        province = district.parent
    districts = Region.objects.filter(kind=Region.Kind.DISTRICT, parent=province).order_by("name") if province else []
    return district, {"provinces": provinces, "province": province, "districts": districts, "district": district}


def _documents_step(request, cooperative):
    editable = cooperative.verification_status in services.EDITABLE_STATUSES
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        try:
            services.cooperative_document_add(
                cooperative=cooperative, by=request.user, kind=data["kind"], file=data["file"],
                number=data["number"], issued_on=data["issued_on"], expires_on=data["expires_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("sellers:onboarding_step", pk=cooperative.pk, step="documents")
    documents = selectors.cooperative_documents(cooperative=cooperative)
    return render(request, "sellers/onboarding/documents.html",
                  _context(cooperative, "documents", user=request.user, form=form, documents=documents))


@login_required
@require_POST
def onboarding_document_remove(request, pk: int, document_pk: int):
    cooperative = _application(request, pk)
    document = get_object_or_404(CooperativeDocument, pk=document_pk, cooperative=cooperative)
    if cooperative.verification_status in services.EDITABLE_STATUSES:
        services.cooperative_document_remove(document=document, by=request.user)
        messages.success(request, _("Document removed."))
    return redirect("sellers:onboarding_step", pk=cooperative.pk, step="documents")


def _review_step(request, cooperative):
    missing = services.cooperative_application_missing(cooperative=cooperative)
    if request.method == "POST":
        try:
            services.cooperative_application_submit(cooperative=cooperative, by=request.user)
        except ValidationError as error:
            if error.code == "invalid_transition":
                messages.error(request, _("This application has already been sent."))
            else:
                messages.error(request, _("Some steps are not complete yet: %(steps)s.") % {
                    "steps": ", ".join(str(title) for name, title, _form in STEPS if name in missing)
                })
            return redirect("sellers:onboarding_step", pk=cooperative.pk, step="review")
        messages.success(request, _("Sent. A programme officer will check your application; we will e-mail you."))
        return redirect("sellers:onboarding_step", pk=cooperative.pk, step="review")
    return render(request, "sellers/onboarding/review.html", _context(
        cooperative, "review", user=request.user,
        missing=[{"name": name, "title": title} for name, title, _form in STEPS if name in missing],
        documents=selectors.cooperative_documents(cooperative=cooperative),
    ))
