from django import template
from django.utils.translation import gettext as _

from recommendations.form_text import LABELS
from recommendations.form_text import choice_label as label_of_choice
from recommendations.presenters import LIST_TITLES

register = template.Library()


@register.filter
def field_label(name: str) -> str:
    return str(LABELS.get(name, name))


@register.filter
def choice_label(value) -> str:
    return label_of_choice(value)


@register.filter
def list_title(key: str) -> str:
    return _(LIST_TITLES.get(key, key))
