from django import template
from django.utils.translation import gettext as _

from contract.labels import LIST_TITLES
from core.labels import LABELS
from core.labels import choice_label as label_of_choice

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
