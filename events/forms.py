"""The forms of the event data pages: an upload, the events' filters, a mapping's correction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import EventDataset


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("UCDP GED file (CSV)"),
        help_text=_("The CSV as UCDP releases it, such as GEDEvent_v25_1.csv."),
    )
    name = forms.CharField(
        label=_("Dataset"),
        required=False,
        max_length=200,
        help_text=_(
            "The release, such as UCDP GED 25.1. Leave it empty to take it from UCDP's file name."
        ),
    )


class EventFilterForm(forms.Form):
    country = forms.CharField(
        label=_("Country (as situations name it)"), required=False, max_length=200
    )
    ucdp_country = forms.CharField(label=_("UCDP country name"), required=False, max_length=100)
    start = forms.DateField(
        label=_("Began on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Began on or before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dataset = forms.ModelChoiceField(
        label=_("Dataset"),
        queryset=EventDataset.objects.all(),
        required=False,
        empty_label=_("Any dataset"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The last day comes before the first."))
        return cleaned


class MappingForm(forms.Form):
    envoy_name = forms.CharField(
        label=_("Country as situations name it"),
        max_length=200,
        help_text=_(
            "The suggestion for a situation reads the events of the UCDP names mapped to its "
            "country."
        ),
    )
