"""Forms every app uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ConfirmForm(forms.Form):
    """The tick box that confirms an action that cannot be undone; its label says what it
    confirms. The view acts only when it is ticked, so a request without it changes nothing."""

    confirm = forms.BooleanField()

    def __init__(self, *args: Any, label: StrOrPromise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
