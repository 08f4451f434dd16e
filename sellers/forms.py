"""Forms of the seller centre: one per onboarding step, members, makers, documents."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Region

from .documents import DocumentFileField
from .models import Cooperative, CooperativeDocument, Maker, Membership


class KindForm(forms.ModelForm):
    class Meta:
        model = Cooperative
        fields = ("kind",)
        widgets = {"kind": forms.RadioSelect}


class NameVillageForm(forms.ModelForm):
    """Name and village: a village from the region tree (narrowed by the province and district
    chosen on the page), or a new village proposed in the chosen district."""

    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Region.objects.none(), required=False,
        empty_label=_("— my village is not in the list —"),
    )
    proposed_village_name = forms.CharField(
        label=_("Or propose a new village"), max_length=120, required=False,
        help_text=_("An officer checks it and adds it to the list."),
    )
    district = forms.ModelChoiceField(
        queryset=Region.objects.filter(kind=Region.Kind.DISTRICT), required=False, widget=forms.HiddenInput,
    )

    class Meta:
        model = Cooperative
        fields = ("name",)

    def __init__(self, *args, district: Region | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "organization"})
        villages = Region.objects.filter(kind=Region.Kind.VILLAGE)
        if district is not None:
            self.fields["village"].queryset = villages.filter(parent=district).order_by("name")
            self.fields["district"].initial = district.pk
        elif self.instance.village_id:
            self.fields["village"].queryset = villages.filter(pk=self.instance.village_id)
        self.fields["village"].initial = self.instance.village_id
        self.fields["proposed_village_name"].initial = self.instance.proposed_village_name
        self.fields["district"].initial = self.fields["district"].initial or self.instance.proposed_village_district_id

    def clean(self):
        data = super().clean()
        if data.get("village") is None:
            if not data.get("proposed_village_name"):
                raise forms.ValidationError(_("Choose your village from the list, or propose a new village."))
            if data.get("district") is None:
                raise forms.ValidationError(_("Choose the province and district of the new village first."))
        return data

    def step_fields(self) -> dict:
        data = self.cleaned_data
        if data.get("village") is not None:
            return {"name": data["name"], "village": data["village"]}
        return {
            "name": data["name"], "village": None,
            "proposed_village_name": data["proposed_village_name"],
            "proposed_village_district": data["district"],
        }


class MembersForm(forms.ModelForm):
    members_count = forms.IntegerField(
        label=_("Members"), min_value=1, max_value=1_000_000,
        error_messages={"min_value": _("A cooperative has at least one member.")},
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
    )
    women_members_count = forms.IntegerField(
        label=_("Women members"), min_value=0, max_value=1_000_000,
        error_messages={"min_value": _("The number of women members cannot be negative.")},
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )

    class Meta:
        model = Cooperative
        fields = ("members_count", "women_members_count", "founded_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["founded_year"].required = True
        self.fields["founded_year"].widget.attrs.update({"min": 1800, "inputmode": "numeric"})

    def clean_founded_year(self):
        value = self.cleaned_data["founded_year"]
        if value is not None and not 1800 <= value <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year between 1800 and this year."))
        return value

    def clean(self):
        data = super().clean()
        members, women = data.get("members_count"), data.get("women_members_count")
        if members is not None and women is not None and women > members:
            self.add_error("women_members_count", _("Women members cannot be more than all members."))
        return data

    def _post_clean(self):
        # The model's constraint repeats clean()'s check, and the service validates the model:
        # the form does not touch the instance, so one clear message is shown, once.
        pass


class StoryContactForm(forms.ModelForm):
    class Meta:
        model = Cooperative
        fields = ("story", "contact_email", "contact_phone")
        widgets = {"story": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].required = True
        self.fields["story"].max_length = 5000
        self.fields["story"].help_text = _("Who you are, what you make, how and where. Buyers read this.")
        self.fields["contact_phone"].widget.attrs.update({"type": "tel", "autocomplete": "tel"})

    def clean(self):
        data = super().clean()
        if not data.get("contact_email") and not data.get("contact_phone"):
            raise forms.ValidationError(_("Give an e-mail address or a phone number so officers can reach you."))
        return data


class ProgrammesForm(forms.ModelForm):
    class Meta:
        model = Cooperative
        fields = ("programme_registrations",)
        widgets = {"programme_registrations": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_registrations"].max_length = 2000


class PayoutForm(forms.ModelForm):
    """The one form that shows the full account number: the owner's (or officer's) edit form."""

    class Meta:
        model = Cooperative
        fields = ("payout_account_holder", "payout_bank_name", "payout_account_number")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
        self.fields["payout_account_number"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

    def clean_payout_account_number(self):
        value = " ".join(self.cleaned_data["payout_account_number"].split())
        if not any(character.isdigit() for character in value):
            raise forms.ValidationError(_("Enter the account or mobile-money number."))
        return value


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CooperativeDocument.Kind.choices)
    file = DocumentFileField(label=_("File (PDF, or a photo of the document)"))
    number = forms.CharField(label=_("Number"), max_length=80, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(label=_("Expires on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("Required for licences."))

    def clean(self):
        data = super().clean()
        if data.get("kind") in CooperativeDocument.LICENCES:
            expires = data.get("expires_on")
            if expires is None:
                self.add_error("expires_on", _("A licence needs its expiry date."))
            elif expires <= timezone.localdate():
                self.add_error("expires_on", _("This licence has expired; upload the current one."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class MakerForm(forms.ModelForm):
    class Meta:
        model = Maker
        fields = ("name", "bio")
