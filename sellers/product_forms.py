"""Forms of the seller centre's product editor. They check the shape of what was typed; the
catalog services decide what a change means (``catalog.services.product_update``)."""
from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Product
from sellers.models import Maker

STORY_PROMPTS = {
    "story_makers": _("Who makes it? Name the people or families, how long they have done this work."),
    "story_materials": _("What is it made from? Where do the materials come from?"),
    "story_process": _("How is it made? The steps, the tools, how long it takes."),
    "story_place": _("The village: where is it, what is it known for?"),
    "story_use": _("How is it used? What is it good for?"),
    "story_care": _("How should the buyer look after it?"),
}
ALT_TEXT_HINT = _("Describe what the photo shows for people who cannot see it, "
                  "e.g. “Blue glazed bowl on a bamboo mat”.")


class CategoryChoiceField(forms.ModelChoiceField):
    """The category tree as one select, children indented under their parent."""

    def label_from_instance(self, obj):
        return "\u2003" * obj.depth + obj.name


class ProductForm(forms.ModelForm):
    category = CategoryChoiceField(queryset=Category.objects.order_by("path"), label=_("Category"))
    makers = forms.ModelMultipleChoiceField(
        queryset=Maker.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Made by"), help_text=_("Credit the makers of your cooperative who make it."),
    )
    video_url = forms.URLField(
        required=False, max_length=200, assume_scheme="https", label=_("Video link"),
        help_text=_("A link to a video of the making, e.g. on YouTube."),
    )

    class Meta:
        model = Product
        fields = [
            "name", "category", "summary",
            *STORY_PROMPTS,
            "price", "made_to_order", "stock", "lead_time_days", "season_note",
            "weight_grams", "length_cm", "width_cm", "height_cm", "fragile", "makers", "video_url",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in STORY_PROMPTS}
        help_texts = {
            **STORY_PROMPTS,
            "price": _("In the marketplace currency; 0 or more."),
            "lead_time_days": _("For made-to-order products: days needed to make one."),
            "season_note": _("e.g. “Harvested in May and June only”."),
        }

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["makers"].queryset = Maker.objects.filter(cooperative=cooperative)
        self.fields["price"].validators.append(MinValueValidator(0))
        self.fields["price"].widget.attrs.update(min="0", step="0.01", inputmode="decimal")

    def clean(self):
        data = super().clean()
        if data.get("made_to_order") and data.get("lead_time_days") is None:
            self.add_error("lead_time_days", _("Say how many days it takes to make one."))
        return data

    def _post_clean(self):
        # The model's own checks run in the service (``product_update``), on the whole product.
        pass
