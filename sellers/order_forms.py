"""Forms of the seller centre's orders and reviews pages: what a fulfilment step asks for."""
from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import Review, Shipment


class ShipForm(forms.Form):
    """Marking a parcel shipped: who carries it, and the number the buyer can track it by."""

    carrier = forms.CharField(
        label=_("Carrier"), max_length=Shipment._meta.get_field("carrier").max_length,
        help_text=_("The postal service or courier, e.g. “Vietnam Post”."),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"), max_length=Shipment._meta.get_field("tracking_number").max_length,
    )


class CancelForm(forms.Form):
    """Cancelling (or recording a return): the buyer is told why."""

    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The buyer sees this."),
    )


class ReplyForm(forms.Form):
    review = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your reply"), max_length=Review._meta.get_field("reply").max_length,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Shown under the review on the product page."),
    )
