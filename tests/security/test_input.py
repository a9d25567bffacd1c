"""Security regressions: input that once gave a 500 or was accepted against the schema is
refused with a 400 that says why, per field; rules that cannot compile are refused when saved
and never break a page; concurrent activations leave one winner and a clear 409."""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.helpers import draft_with_a_new_caveat, new_case, project_modules, sign_in
from tests.inputs import VALID_INPUT

PROJECT = Path(__file__).resolve().parents[2]
ASSESSMENTS = "/api/v1/assessments/"


def post_raw(persona, url: str, body: str):
    return persona.client.generic(
        "POST", url, body.encode("utf-8", "surrogatepass"), content_type="application/json"
    )


def with_input(**changes) -> str:
    return json.dumps({**VALID_INPUT, **changes})


# F-09: no JSON body gives a 500.


@pytest.mark.parametrize(
    "url",
    [ASSESSMENTS, "/api/v1/situations/", "/api/v1/rules/", "/api/v1/cases/", "/api/v1/rulesets/"],
)
def test_json_nested_five_thousand_deep_is_a_parse_error(curator, url):
    """F-09: JSON nested 5000 deep is a 400 parse error on every JSON endpoint, not a 500."""
    response = post_raw(curator, url, "[" * 5000 + "]" * 5000)
    assert response.status_code == 400
    assert "nested more than 64 levels" in response.json()["detail"]


def test_an_integer_beyond_64_bits_is_refused_on_its_field(analyst):
    """F-09: recent_fatalities 2**64 is a 400 on recent_fatalities (orjson never sees it)."""
    response = post_raw(analyst, ASSESSMENTS, with_input(recent_fatalities=2**64))
    assert response.status_code == 400
    assert response.json() == {"recent_fatalities": ["Must be at most 9,007,199,254,740,991."]}


def test_a_lone_surrogate_is_refused_on_its_field(analyst):
    """F-09: a lone surrogate in notes is a 400 on notes, not a UnicodeEncodeError."""
    body = with_input().replace('"notes": ""', '"notes": "\\ud800 half"')
    response = post_raw(analyst, ASSESSMENTS, body)
    assert response.status_code == 400
    assert "U+D800, half of a surrogate pair" in response.json()["notes"][0]


def test_a_lone_surrogate_in_a_key_is_refused_without_breaking_the_answer(analyst):
    """F-09: a lone surrogate in a field name is refused, and the answer can be written."""
    response = post_raw(analyst, ASSESSMENTS, with_input()[:-1] + ', "\\udfff": 1}')
    assert response.status_code == 400
    assert "the key '\\udfff'" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize("field", ["country", "notes"])
def test_a_nul_character_is_refused_on_its_field(analyst, field):
    """F-09: a NUL character in country or notes is a 400 on that field (PostgreSQL refuses
    NUL in text and json)."""
    response = post_raw(analyst, ASSESSMENTS, with_input(**{field: "Nul\u0000land"}))
    assert response.status_code == 400
    assert response.json() == {field: ["Text may not contain the NUL character (U+0000)."]}


def test_the_contract_refuses_what_no_database_can_store():
    """F-09: the contract validator itself (used by the form, imports and the API) refuses a
    NUL, a lone surrogate and an integer beyond 2^53 - 1, per field."""
    from contract.errors import ContractError
    from contract.fields import validate_input

    with pytest.raises(ContractError) as refused:
        validate_input(
            {**VALID_INPUT, "country": "A\x00", "notes": "\ud800", "recent_fatalities": 2**64}
        )
    assert set(refused.value.errors) == {"country", "notes", "recent_fatalities"}


def test_a_nul_character_in_a_rule_condition_is_refused(curator):
    """F-09: a NUL inside a JSON field's nested string (a rule's condition) is a 400 that
    names the field, not a database error."""
    version = draft_with_a_new_caveat(curator)
    rule = {
        "ruleset": version,
        "slug": "caveat.nul",
        "kind": "caveat",
        "target": "forum_shopping",
        "condition": {"==": [{"var": "mediation"}, "single\u0000lead"]},
        "rationale": "x",
        "citations": [{"source": "ipi-2012", "locator": "Lessons on Mediation"}],
    }
    response = curator.client.post("/api/v1/rules/", rule, format="json")
    assert response.status_code == 400
    assert "NUL" in response.json()["condition"][0]


# F-10: whole numbers in query strings.


def test_a_situation_filter_beyond_64_bits_is_refused(analyst):
    """F-10: ?situation=99999999999999999999999 is a 400 on situation (it overflowed SQLite)."""
    response = analyst.client.get(f"{ASSESSMENTS}?situation=99999999999999999999999")
    assert response.status_code == 400
    assert list(response.json()) == ["situation"]


def test_a_superscript_digit_in_from_is_ignored(client, analyst):
    """F-10: /situations/new/?from=² opens an empty form ("²".isdigit() is true, int fails)."""
    response = sign_in(client, analyst).get("/situations/new/?from=%C2%B2")
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["%C2%B2", "99999999999999999999999"])
def test_a_bad_situation_posted_with_the_form_is_ignored(client, analyst, value):
    """F-10: the situation form's posted situation id is parsed the same safe way."""
    from urllib.parse import unquote

    from tests.helpers import situation_form_data

    data = {**situation_form_data(), "situation": unquote(value)}
    response = sign_in(client, analyst).post("/situations/new/", data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("value", ["%C2%B2", "99999999999999999999999", "0", "101"])
def test_a_bad_page_size_is_refused(analyst, value):
    """F-10: page_size in Unicode digits or beyond 64 bits is a 400 on page_size."""
    response = analyst.client.get(f"{ASSESSMENTS}?page_size={value}")
    assert response.status_code == 400 and list(response.json()) == ["page_size"]


# F-20: the API enforces what its schema says, and the schema says what the API enforces.


@pytest.mark.parametrize("field", ["grievances", "uncertain", "interstate", "displacement"])
def test_null_is_refused_where_the_schema_does_not_allow_it(analyst, field):
    """F-20: grievances: null (and other non-nullable optional fields) is a 400."""
    response = post_raw(analyst, ASSESSMENTS, with_input(**{field: None}))
    assert response.status_code == 400
    assert response.json() == {field: ["May not be null: leave the field out for its default."]}


def test_null_still_stands_for_absent_where_the_schema_allows_it(analyst):
    """F-20: recent_fatalities and notes stay nullable, as the schema says."""
    response = post_raw(analyst, ASSESSMENTS, with_input(recent_fatalities=None, notes=None))
    assert response.status_code == 201, response.json()


def test_a_key_given_twice_is_refused(analyst):
    """F-20: duplicate JSON keys are a 400 parse error, not the last one silently winning."""
    body = with_input()[:-1] + ', "country": "Elsewhere"}'
    response = post_raw(analyst, ASSESSMENTS, body)
    assert response.status_code == 400
    assert "'country' appears twice" in response.json()["detail"]


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066"])
def test_invisible_and_direction_characters_in_a_country_are_refused(analyst, char):
    """F-20: zero-width and bidi-override characters in country are refused, so "Guinea\u200b"
    is not a second Guinea."""
    response = post_raw(analyst, ASSESSMENTS, with_input(country=f"Guinea{char}"))
    assert response.status_code == 400
    assert f"U+{ord(char):04X}" in response.json()["country"][0]
    situation = analyst.client.post(
        "/api/v1/situations/", {"country": f"Guinea{char}", "region": "west_africa"}, format="json"
    )
    assert situation.status_code == 400 and "country" in situation.json()


def test_the_schema_says_what_the_assessment_input_refuses(viewer):
    """F-20: the schema's assessment input refuses unknown fields (additionalProperties false),
    bounds whole numbers, and does not make grievances nullable."""
    schema = viewer.client.get("/api/schema/?format=json").json()
    component = schema["components"]["schemas"]["AssessmentInputRequest"]
    assert component["additionalProperties"] is False
    assert component["properties"]["recent_fatalities"]["maximum"] == 2**53 - 1
    assert "nullable" not in component["properties"]["grievances"]


# F-11: rule conditions too deep or too large are refused when saved, and never break a page.


def nested_not(depth: int) -> dict:
    condition: dict = {"var": "cross_border"}
    for _ in range(depth):
        condition = {"!": condition}
    return condition


def rule_with(version: int, condition) -> dict:
    return {
        "ruleset": version,
        "slug": "caveat.deep",
        "kind": "caveat",
        "target": "forum_shopping",
        "condition": condition,
        "rationale": "Deep.",
        "citations": [{"source": "ipi-2012", "locator": "Lessons on Mediation"}],
    }


@pytest.mark.parametrize("depth", [30, 900])
def test_a_deeply_nested_condition_is_refused_when_saved(curator, depth):
    """F-11: a condition nested 30 or 900 deep is a 400 (it was a 201, then 500s)."""
    version = draft_with_a_new_caveat(curator)
    response = curator.client.post(
        "/api/v1/rules/", rule_with(version, nested_not(depth)), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "nest at most 20 deep" in body["condition"][0] if depth == 30 else body["detail"]


def test_a_condition_too_large_is_refused_when_saved(curator):
    """F-11: a condition of thousands of values is refused, naming the limit."""
    version = draft_with_a_new_caveat(curator)
    wide = {"or": [{"var": "cross_border"}] * 600}
    response = curator.client.post("/api/v1/rules/", rule_with(version, wide), format="json")
    assert response.status_code == 400
    assert "at most 500 values" in response.json()["condition"][0]


def test_a_stored_condition_nested_300_deep_breaks_no_page(client, curator, viewer):
    """F-11: a rule nested 300 deep already in the database (restored from a backup; deeper
    than Python's parser compiles) leaves the version's pages readable and its activation
    refused with the reason, never a 500."""
    from recommendations.engine import RuleError, compile_ruleset, rule_from_data
    from recommendations.models import Rule
    from recommendations.rulesets.compiler import catalogue_slugs

    version = draft_with_a_new_caveat(curator)
    rule = Rule.objects.get(ruleset__version=version, slug="caveat.coordinated_mediation")
    Rule.objects.filter(pk=rule.pk).update(condition=nested_not(300))
    for persona in (viewer, curator):
        assert sign_in(client, persona).get(f"/rules/{version}/").status_code == 200
    assert client.get(f"/rules/{version}/rules/{rule.pk}/").status_code == 200
    activated = curator.client.post(f"/api/v1/rulesets/{version}/activate/")
    assert activated.status_code == 400 and "nest at most 20 deep" in str(activated.json())
    page = client.post(f"/rules/{version}/activate/", {"confirm": "on"}, follow=True)
    assert page.status_code == 200 and "nest at most 20 deep" in page.content.decode()
    data = {"slug": "x", "kind": "caveat", "target": "forum_shopping", "priority": 1,
            "condition": nested_not(900), "rationale": "x",
            "citations": [{"source": "ipi-2012", "locator": "x"}]}  # fmt: skip
    with pytest.raises(RuleError):
        compile_ruleset([rule_from_data(data)], catalogue_slugs())


def test_a_condition_python_cannot_compile_is_a_rule_error():
    """F-11: compiling a condition Python's parser refuses is a ConditionError, whatever
    the size check says."""
    from recommendations.engine.conditions import ConditionError, compile_condition

    with pytest.raises(ConditionError):
        compile_condition(nested_not(900))


def test_a_pasted_condition_nested_5000_deep_is_a_field_error(client, curator):
    """F-11: the rule form refuses a condition nested 5000 deep on its field, not a 500."""
    version = draft_with_a_new_caveat(curator)
    response = sign_in(client, curator).post(
        f"/rules/{version}/rules/new/",
        {"slug": "caveat.deep", "kind": "caveat", "target": "forum_shopping", "priority": 1,
         "condition": "[" * 5000 + "]" * 5000, "rationale": "x",
         "citations": '[{"source": "ipi-2012", "locator": "x"}]'},
    )  # fmt: skip
    assert response.status_code == 200
    assert "nested more than 64 levels" in response.content.decode()


# F-12: concurrent activations.


def wait_for_lock_waiters(count: int) -> None:
    """Until `count` other sessions wait for a row lock (on the test PostgreSQL)."""
    from django.db import connections

    with connections["default"].cursor() as cursor:
        for _ in range(1200):  # a minute at most
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures in a transaction
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0] >= count:
                return
            threading.Event().wait(0.05)
    raise AssertionError(f"{count} sessions never waited for the lock")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_activations_leave_one_active_and_a_clear_409(committed_reference_data):
    """F-12: two curators activate their own drafts at once (both held at the lock on the
    active version, then let go together): one wins, the other gets 409 "another version was
    activated meanwhile", never a 500 (UniqueViolation) or a 503; exactly one is active."""
    from django.db import connection, connections, transaction

    from accounts.models import Team
    from recommendations.models import RuleSet
    from tests.helpers import make_persona

    team = Team.objects.create(name="Desk", slug="desk")
    curators = [make_persona("curator", team) for _ in range(2)]
    drafts = [c.client.post("/api/v1/rulesets/", {"name": "Mine"}).json() for c in curators]
    answers: dict[int, object] = {}

    def activate(i: int) -> None:
        try:
            version = drafts[i]["version"]
            answers[i] = curators[i].client.post(f"/api/v1/rulesets/{version}/activate/")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=activate, args=(i,)) for i in range(2)]
    with transaction.atomic():  # hold the active version, so both activations wait on it
        list(RuleSet.objects.select_for_update().filter(status="active"))
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(2)
    for thread in threads:
        thread.join()
    statuses = sorted(answers[i].status_code for i in range(2))
    assert statuses == [200, 409], [answers[i].content for i in range(2)]
    loser = next(answers[i] for i in range(2) if answers[i].status_code == 409)
    assert "another version was activated meanwhile" in loser.json()["detail"]
    assert RuleSet.objects.filter(status="active").count() == 1
    winner = next(d for i, d in enumerate(drafts) if answers[i].status_code == 200)
    assert RuleSet.objects.get(status="active").version == winner["version"]
    assert connection.vendor == "postgresql"


def test_the_activation_page_tells_the_loser_what_happened(client, curator, monkeypatch):
    """F-12: on the web, a lost activation sends the curator back to the version with the
    message, not "Something went wrong"."""
    from contract.errors import Conflict
    from recommendations.rulesets import views

    def lost(**kwargs):
        raise Conflict("Version 9 was not activated: another version was activated meanwhile.")

    monkeypatch.setattr(views, "ruleset_activate", lost)
    version = draft_with_a_new_caveat(curator)
    page = sign_in(client, curator).post(
        f"/rules/{version}/activate/", {"confirm": "on"}, follow=True
    )
    assert page.status_code == 200
    assert "another version was activated meanwhile" in page.content.decode()


# F-17: reserved case slugs.


@pytest.mark.parametrize("slug", ["new", "export"])
def test_a_reserved_slug_is_refused_by_the_api(curator, slug):
    """F-17: POST /api/v1/cases/ with slug export (or new) is a 400 on slug, and so is a
    PATCH renaming a case to new (the library's own pages use them)."""
    from cases.models import Case

    created = curator.client.post("/api/v1/cases/", new_case(slug=slug), format="json")
    assert created.status_code == 400 and list(created.json()) == ["slug"]
    assert not Case.objects.filter(slug=slug).exists()
    case = curator.client.post("/api/v1/cases/", new_case(), format="json").json()
    renamed = curator.client.patch(f"/api/v1/cases/{case['slug']}/", {"slug": slug}, format="json")
    assert renamed.status_code == 400 and list(renamed.json()) == ["slug"]
    assert Case.objects.filter(slug=case["slug"]).exists()


# F-10 on SQLite, as `make run` sets it up: the overflow happened there only.

ON_SQLITE = """
import json
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from accounts.models import Team
from tests.helpers import make_persona
team = Team.objects.create(name="Desk", slug="desk")
analyst = make_persona("analyst", team)
web = Client()
web.force_login(analyst.user)
answers = {
    "situation": analyst.client.get("/api/v1/assessments/?situation=99999999999999999999999"),
    "audit": analyst.client.get("/api/v1/audit/?object=99999999999999999999999"),
    "rules": analyst.client.get("/api/v1/rules/?ruleset=99999999999999999999999"),
    "from": web.get("/situations/new/?from=%C2%B2"),
    "compare": web.get("/situations/1/compare/?before=99999999999999999999999&after=%C2%B2"),
}
print(json.dumps({name: [r.status_code, r.content.decode()[:200]] for name, r in answers.items()}))
"""


@pytest.mark.slow
def test_whole_numbers_beyond_64_bits_in_query_strings_are_refused_on_sqlite():
    """F-10: on SQLite, ?situation=99999999999999999999999 (and any other query-string id)
    is a 400, not a 500 (OverflowError); ?from=² is ignored."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DATABASE_URL": f"sqlite:///{folder}/envoy.sqlite3",
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        run = {"env": env, "cwd": PROJECT, "capture_output": True, "text": True, "timeout": 300}
        migrated = subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], **run)
        assert migrated.returncode == 0, migrated.stderr
        result = subprocess.run([sys.executable, "-c", ON_SQLITE], **run)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    statuses = {name: status for name, (status, _) in answers.items()}
    assert statuses["situation"] == 400
    assert statuses["from"] == 200
    assert all(status < 500 for status in statuses.values()), answers


@pytest.mark.parametrize("query", ["page=", "page=1&page=2", "page=%C2%B2", "page=abc"])
def test_a_bad_page_is_refused(analyst, query):
    """F-20: `page` empty, repeated or not a number is a 400 on page, as the schema says (it
    was read as page 1)."""
    response = analyst.client.get(f"{ASSESSMENTS}?{query}")
    assert response.status_code == 400 and list(response.json()) == ["page"]


# Schemathesis's negative data: a JSON number or boolean where the schema says `string`.


@pytest.mark.parametrize("value", [-5639217279, 12.5, True])
def test_a_number_or_a_boolean_is_not_a_country(analyst, value):
    """DRF's text field would store -5639217279 as the country "-5639217279"."""
    from recommendations.models import Situation

    answer = analyst.client.post(
        "/api/v1/situations/", {"country": value, "region": "east_africa"}, format="json"
    )
    assert answer.status_code == 400
    assert answer.json() == {"country": ["Not a valid string."]}
    assert not Situation.objects.exists()


def test_a_number_is_not_a_case_title_or_a_slug(curator):
    """Text fields a model serializer makes from the model take text only too."""
    from cases.models import Case

    answer = curator.client.post("/api/v1/cases/", new_case(title=1997, slug=1997), format="json")
    assert answer.status_code == 400
    assert answer.json() == {"title": ["Not a valid string."], "slug": ["Not a valid string."]}
    assert not Case.objects.filter(slug="1997").exists()


def test_every_text_field_of_the_api_takes_text_only():
    """No serializer of Envoy uses DRF's own text fields, which take numbers too: they come
    from core.api, and so do model serializers (whose text fields come from the model)."""
    drf_text = re.compile(
        r"\bserializers\.(CharField|SlugField|URLField|EmailField|RegexField|ModelSerializer)\b"
    )
    found = [
        str(path.relative_to(PROJECT))
        for path in project_modules()
        if drf_text.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/api.py"]


def test_the_schema_names_the_characters_text_fields_refuse(analyst):
    """Schemathesis: a NUL in `?country=` was a 400 the schema did not announce. Every text
    field's schema now says what its field refuses, and the answer matches it."""
    from contract.text import NAME_PATTERN, TEXT_PATTERN

    schema = analyst.client.get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/events/suggestion/"]["get"]["parameters"]
    country = next(p for p in parameters if p["name"] == "country")
    assert country["schema"]["pattern"] == TEXT_PATTERN
    situation = schema["components"]["schemas"]["SituationCreateRequest"]
    assert situation["properties"]["country"]["pattern"] == NAME_PATTERN
    notes = schema["components"]["schemas"]["AssessmentInputRequest"]["properties"]["notes"]
    assert notes["pattern"] == TEXT_PATTERN and "oneOf" not in notes
    for value, refused in [("Kenya\x00", True), ("Ken\u200bya", True), ("Côte d'Ivoire", False)]:
        assert (re.match(NAME_PATTERN, value) is None) is refused
        answer = analyst.client.post(
            "/api/v1/situations/", {"country": value, "region": "west_africa"}, format="json"
        )
        assert (answer.status_code == 400) is refused
        assert not refused or list(answer.json()) == ["country"]
    answer = analyst.client.get("/api/v1/events/suggestion/", {"country": "Kenya\x00"})
    assert answer.status_code == 400 and list(answer.json()) == ["country"]
