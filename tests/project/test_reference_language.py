"""Reference text is English whatever the page's language: on a French page it is marked
lang="en" (WCAG 3.1.2, language of parts), and the translated interface around it is not."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

from cases.models import Case
from core.labels import phase_label
from missions.models import Role
from recommendations.models import Caveat

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class LanguageOfText(HTMLParser):
    """Each piece of text of a page, with the language it is in: that of its nearest
    ancestor with a lang attribute."""

    def __init__(self):
        super().__init__()
        self.open: list[str | None] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if data.strip():
            lang = next((lang for lang in reversed(self.open) if lang), None)
            self.texts.append((" ".join(data.split()), lang))

    def language_of(self, text: str) -> set[str | None]:
        found = {lang for piece, lang in self.texts if piece == text}
        assert found, f"{text!r} is not on the page"
        return found


def page(client, path: str, language: str = "fr") -> LanguageOfText:
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    reader = LanguageOfText()
    reader.feed(response.content.decode())
    return reader


def test_a_french_catalogue_list_marks_the_names_and_texts_and_not_the_interface(signed_in):
    caveats = page(signed_in, "/catalogue/caveats/")
    for caveat in Caveat.objects.all():
        assert caveats.language_of(caveat.name) == {"en"}
    assert caveats.language_of("Mises en garde") == {"fr"}  # the heading and crumb
    assert caveats.language_of("Catalogue") == {"fr"}


def test_a_french_catalogue_page_marks_its_item_and_translates_phase_names(signed_in):
    role = Role.objects.filter(phases__isnull=False).first()
    detail = page(signed_in, f"/catalogue/roles/{role.slug}/")
    assert detail.language_of(role.name) == {"en"}  # the heading and the crumb
    first_words = role.description.split("\n")[0].strip()
    assert detail.language_of(" ".join(first_words.split())) == {"en"}
    assert detail.language_of("Sources") == {"fr"}
    with translation.override("fr"):
        for phase in role.phases.all():  # named in French, so not marked
            assert detail.language_of(phase_label(phase.slug, None)) == {"fr"}


def test_a_french_case_page_marks_the_case_and_not_its_headings(signed_in):
    case = Case.objects.get(slug="kenya-2008")
    reader = page(signed_in, "/library/kenya-2008/")
    assert reader.language_of(case.title) == {"en"}
    summary = " ".join(case.summary.split("\n")[0].split())
    assert reader.language_of(summary) == {"en"}
    assert reader.language_of("Résumé") == {"fr"}
    assert reader.language_of("Enseignements") == {"fr"}
    snapshot = case.snapshots.first()
    assert reader.language_of(snapshot.label) == {"en"}
    role = case.roles.first()
    assert reader.language_of(role.name) == {"en"}


def test_the_library_marks_case_titles_summaries_and_organization_names(signed_in):
    library = page(signed_in, "/library/")
    case = Case.objects.get(slug="kenya-2008")
    assert library.language_of(case.title) == {"en"}
    assert library.language_of("Filtrer les résultats") == {"fr"}
    organizations = {text for text, lang in library.texts if lang == "en"}
    assert "AU" in organizations  # an organization facet value


def test_an_english_page_marks_nothing(signed_in):
    for path in ("/catalogue/caveats/", "/library/kenya-2008/", "/library/", "/"):
        signed_in.cookies["django_language"] = "en"
        html = signed_in.get(path).content.decode()
        assert html.count('lang="en"') == 1  # the <html> element only
