from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from webhooks.events import EVENT_CHOICES


class EndpointForm(forms.Form):
    """An endpoint's URL, events and description (and, once registered, whether it is on)."""

    url = forms.CharField(
        label=_("URL"),
        max_length=2000,
        help_text=_(
            "Where the other tool receives events: an http:// or https:// address that "
            "resolves to public addresses only."
        ),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What the receiving tool is, for whoever reads this page next."),
    )
    active = forms.BooleanField(
        label=_("On: send events to this URL"), required=False, initial=True
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"] = forms.ModelChoiceField(
                label=_("Team"), queryset=teams, empty_label=None, to_field_name="slug"
            )
            self.order_fields(["team"])
            del self.fields["active"]


def endpoint_initial(team: Team | None = None) -> dict:
    return {"team": team, "events": [value for value, _label in EVENT_CHOICES[:2]]}
