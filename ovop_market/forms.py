"""Forms shared by the officers' queues in admin."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DecisionReason


class OfficerDecisionForm(forms.Form):
    """An officer's decision with its reason: a reusable template, free text, or both (the
    template's text first). ``needs_reason`` lists the decisions that cannot be made without one.
    ``cleaned_data["full_reason"]`` is what the artisan receives."""

    decision = forms.ChoiceField(label=_("Decision"))
    template = forms.ModelChoiceField(
        label=_("Reason template"), queryset=DecisionReason.objects.none(), required=False,
        empty_label=_("(none)"), help_text=_("Its text is sent first; add to it below if needed."),
    )
    reason = forms.CharField(label=_("Reason (the artisan sees it)"), widget=forms.Textarea(attrs={"rows": 4}),
                             required=False)

    def __init__(self, *args, decisions, needs_reason, applies_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decisions
        self.fields["template"].queryset = DecisionReason.objects.filter(active=True, applies_to=applies_to)
        self.needs_reason = set(needs_reason)

    def clean(self):
        data = super().clean()
        template = data.get("template")
        parts = [template.text.strip() if template else "", (data.get("reason") or "").strip()]
        data["full_reason"] = "\n\n".join(part for part in parts if part)
        if data.get("decision") in self.needs_reason and not data["full_reason"]:
            raise forms.ValidationError(_("Say what needs to change, or why it is rejected."), code="reason_required")
        return data
