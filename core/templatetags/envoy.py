from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from contract.labels import LIST_TITLES, PHASE_NAMES
from core.labels import LABELS, phase_label
from core.labels import choice_label as label_of_choice

register = template.Library()

# The reference data (phases, roles, models, organizations, tools, caveats, cases, sources) is
# written in English whatever the page's language; WCAG 3.1.2 asks that a page say so where
# it shows it, so that a screen reader pronounces it right.
REFERENCE_LANGUAGE = "en"


def _page_is_in_reference_language() -> bool:
    return (get_language() or REFERENCE_LANGUAGE).split("-")[0] == REFERENCE_LANGUAGE


@register.simple_tag
def reference_lang() -> str:
    """` lang="en"` for an element that shows reference text, on a page in another language
    (nothing on an English page): `<td{% reference_lang %}>{{ caveat.text }}</td>`."""
    if _page_is_in_reference_language():
        return ""
    return format_html(' lang="{}"', REFERENCE_LANGUAGE)


@register.filter(needs_autoescape=True)
def reference(value, is_reference: bool = True, autoescape: bool = True) -> SafeString:
    """Reference text inline, in a `<span lang="en">` on a page in another language:
    `{{ role.name|reference }}`; `{{ label|reference:facet.reference }}` marks it only when
    the argument is true."""
    text = conditional_escape(value) if autoescape else mark_safe(value)  # noqa: S308
    if not is_reference or _page_is_in_reference_language():
        return text
    return format_html('<span lang="{}">{}</span>', REFERENCE_LANGUAGE, text)


@register.filter
def phase_name(phase) -> str:
    """A phase's name in the page's language (the reference data holds it in English)."""
    slug = getattr(phase, "slug", phase)
    return phase_label(slug, None) if slug in PHASE_NAMES else getattr(phase, "name", slug)


@register.filter
def field_label(name: str) -> str:
    return str(LABELS.get(name, name))


@register.filter
def choice_label(value) -> str:
    return label_of_choice(value)


@register.filter
def list_title(key: str) -> str:
    return _(LIST_TITLES.get(key, key))
