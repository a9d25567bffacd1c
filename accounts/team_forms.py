from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Team

NAME_MAX_LENGTH = Team._meta.get_field("name").max_length
SLUG_MAX_LENGTH = Team._meta.get_field("slug").max_length


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH)
    slug = forms.CharField(
        label=_("Slug"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=_(
            "How API clients name the team, e.g. “horn-desk”; it does not change when the "
            "team is renamed. Leave it blank to make it from the name."
        ),
    )


class RenameForm(forms.Form):
    name = forms.CharField(
        label=_("New name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("The slug stays the same, so API clients keep working."),
    )


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's errors at their fields, the others above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
