"""Grading in admin: recording a grade (rubric scores for the chosen programme, evidence file)
through ``catalog.grading``, the grades list, and the officers' scopes (superusers only).

A recorded grade is a certificate: it is read-only here. A mistake is corrected by deleting it
(recorded in the audit trail) and recording it again. ``catalog.admin`` registers ``GradeAdmin``
on ``GradeRecordAdmin``.
"""
import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ovop_market.admin_scale import LargeTableAdmin
from ovop_market.officers import OfficerScopedAdmin
from sellers.documents import document_upload_check

from .grading import EXPIRY_WARNING_DAYS, grade_delete, grade_level_decide, grade_record
from .models import Grade, OfficerScope, Programme

RECORD_FIELDS = ("product", "programme", "level", "issuing_level", "certificate_number", "issued_on", "expires_on",
                 "evidence")
SHOWN_FIELDS = ("product", "programme", "level", "scores", "total_score", "issuing_level", "certificate_number",
                "issued_on", "expires_on", "evidence", "graded_by", "created_at", "expiry_warned_at",
                "expired_noticed_at")


def _https_formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ProgrammeForm(forms.ModelForm):
    """A programme's rubric must be a list of criteria with a key and a whole maximum, so grading
    never meets a malformed one."""

    class Meta:
        model = Programme
        fields = ("name", "code", "slug", "economy", "description", "website", "validity_months", "rubric",
                  "position")
        formfield_callback = _https_formfield

    def clean_rubric(self):
        rubric = self.cleaned_data.get("rubric") or []
        message = _('Write the rubric as a list of criteria, e.g. [{"key": "quality", "label": "Quality", '
                    '"max": 35}]: each with a short key (letters, digits, _) and a whole maximum above 0.')
        if not isinstance(rubric, list):
            raise ValidationError(message)
        keys = set()
        for criterion in rubric:
            if not isinstance(criterion, dict):
                raise ValidationError(message)
            key, maximum = criterion.get("key"), criterion.get("max")
            if (not isinstance(key, str) or not key.replace("_", "").isalnum() or key in keys
                    or not isinstance(maximum, int) or isinstance(maximum, bool) or maximum <= 0):
                raise ValidationError(message)
            keys.add(key)
        return rubric


def score_field_name(programme: Programme, key: str) -> str:
    return f"score_{programme.pk}_{key}"


class GradeForm(forms.ModelForm):
    """The grade's facts, plus one score field per rubric criterion of every programme that has a
    rubric (labelled with the programme): only the chosen programme's scores are read, so the
    form works without JavaScript."""

    rubric_programmes: list[Programme] = []

    class Meta:
        model = Grade
        fields = RECORD_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric_scores = {}
        if "level" in self.fields:
            self.fields["level"].required = False
            self.fields["level"].help_text = _(
                "Follows from the scores where the programme has a rubric (leave it empty); choose it for "
                "other programmes.")
        if "expires_on" in self.fields:
            self.fields["expires_on"].help_text = _("Leave empty: the programme's validity from the issue date.")

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and "evidence" in self.changed_data:
            document_upload_check(evidence)
        return evidence

    def clean(self):
        data = super().clean()
        programme = data.get("programme")
        if programme is None:
            return data
        keys = {criterion["key"] for criterion in programme.rubric or []}
        scores = {key: data.get(score_field_name(programme, key)) for key in keys}
        if not keys:
            # Scores typed for another programme's rubric are not this grade's.
            scores = None
        try:
            level, self.rubric_scores, _total = grade_level_decide(
                programme=programme, level=data.get("level"), scores=scores
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                self.add_error(None, error)
                return data
            for key, errors in error.error_dict.items():
                if key in keys:
                    self.add_error(score_field_name(programme, key), errors)
                elif key in self.fields:
                    self.add_error(key, errors)
                else:
                    self.add_error(None, errors)
            return data
        data["level"] = level
        return data


def grade_form_class(programmes: list[Programme]) -> type[GradeForm]:
    """``GradeForm`` with the score fields of ``programmes`` (those with a rubric) declared."""
    fields = {}
    for programme in programmes:
        for criterion in programme.rubric:
            maximum = int(criterion["max"])
            fields[score_field_name(programme, criterion["key"])] = forms.IntegerField(
                label=_("%(programme)s: %(criterion)s (0–%(max)d)") % {
                    "programme": programme.code, "criterion": criterion.get("label", criterion["key"]),
                    "max": maximum},
                required=False, min_value=0, max_value=maximum,
            )
    return type("GradeRecordForm", (GradeForm,), {**fields, "rubric_programmes": programmes})


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [
            ("active", _("Valid")),
            ("expiring", _("Expiring within %(days)d days") % {"days": EXPIRY_WARNING_DAYS}),
            ("expired", _("Expired")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "active":
            return queryset.exclude(expires_on__lt=today)
        if self.value() == "expiring":
            return queryset.filter(expires_on__gte=today,
                                   expires_on__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS))
        if self.value() == "expired":
            return queryset.filter(expires_on__lt=today)
        return queryset


class GradeInline(OfficerScopedAdmin, admin.TabularInline):
    """A product's grades, shown; they are recorded on the grade page (the link above the list)."""

    model = Grade
    extra = 0
    can_delete = False
    fields = ("programme", "level", "total_score", "issuing_level", "certificate_number", "issued_on", "expires_on")
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "level__programme")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GradeRecordAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
    """The grade admin's behaviour; ``catalog.admin.GradeAdmin`` registers it (with the spreadsheets)."""

    list_display = ("product", "programme", "level", "total_score", "issuing_level", "certificate_number",
                    "issued_on", "expires_on", "valid")
    list_filter = (ValidityFilter, "programme", "issuing_level")
    list_select_related = ("product", "programme", "level__programme")
    search_fields = ("=certificate_number", "product__name")
    raw_id_fields = ("product",)
    ordering = ("-issued_on", "-id")

    class Media:
        js = ("js/grade-form.js",)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return [(None, {"fields": SHOWN_FIELDS})]
        programmes = self._rubric_programmes(request)
        fieldsets = [(None, {"fields": RECORD_FIELDS})]
        for programme in programmes:
            fieldsets.append((_("%(programme)s scores") % {"programme": programme.code}, {
                "classes": ("rubric", f"rubric-{programme.pk}"),
                "fields": [score_field_name(programme, c["key"]) for c in programme.rubric],
                "description": _("Only for %(programme)s grades: the level follows from the total.") % {
                    "programme": programme.code},
            }))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return SHOWN_FIELDS if obj is not None else ()

    def _rubric_programmes(self, request) -> list[Programme]:
        if not hasattr(request, "_rubric_programmes"):
            programmes = self.formfield_for_foreignkey(Grade._meta.get_field("programme"), request).queryset
            request._rubric_programmes = [programme for programme in programmes if programme.rubric]
        return request._rubric_programmes

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = grade_form_class(self._rubric_programmes(request))
        return super().get_form(request, obj, change, **kwargs)

    def has_change_permission(self, request, obj=None):
        # A certificate is not edited: delete it and record it again.
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description=_("valid"), boolean=True)
    def valid(self, grade) -> bool:
        return grade.is_active

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        grade = grade_record(
            product=data["product"], programme=data["programme"], level=data["level"],
            scores=form.rubric_scores or None, issuing_level=data["issuing_level"],
            certificate_number=data.get("certificate_number", ""), issued_on=data["issued_on"],
            expires_on=data.get("expires_on"), evidence=data.get("evidence") or None, by=request.user,
        )
        # The admin goes on with ``obj`` (history entry, redirect): make it the recorded grade.
        obj.__dict__.update(grade.__dict__)

    def delete_model(self, request, obj):
        grade_delete(grade=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for grade in queryset.select_related("product", "programme").order_by("pk"):
            grade_delete(grade=grade, by=request.user)


@admin.register(OfficerScope)
class OfficerScopeAdmin(admin.ModelAdmin):
    """Superusers say where each officer works; see ``ovop_market.officers``."""

    list_display = ("user", "regions_shown", "programmes_shown", "updated_at")
    search_fields = ("user__email", "user__full_name")
    autocomplete_fields = ("user", "regions", "programmes")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("regions", "programmes")

    @admin.display(description=_("regions"))
    def regions_shown(self, scope) -> str:
        return ", ".join(region.name for region in scope.regions.all())

    @admin.display(description=_("programmes"))
    def programmes_shown(self, scope) -> str:
        return ", ".join(programme.code for programme in scope.programmes.all()) or _("all")

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)
