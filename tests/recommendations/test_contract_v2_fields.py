"""The fields contract v2 adds: optional, with defaults, refused per field when wrong, and taken
the same way by the API, the situation form and imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contract.fields import FIELDS, UNCERTAIN_CHOICES
from recommendations.models import Assessment, Situation
from tests.helpers import run_on_commit, situation_form_data
from tests.imports import csv_bytes, row
from tests.inputs import VALID_INPUT

URL = "/api/v1/assessments/"
V2_DEFAULTS = {
    "interstate": False,
    "protracted_process": False,
    "parties_accept_mediation": "unknown",
    "facts_disputed": False,
    "displacement": "none",
    "uncertain": [],
}


def post(client, data):
    return client.post(URL, data, format="json")


def slugs(body, key):
    return [item["slug"] for item in body[key]]


@pytest.mark.django_db
def test_the_contract_adds_exactly_the_v2_fields_with_their_defaults():
    added = {f.name: f.default_value() for f in FIELDS if f.since == 2}
    assert added == V2_DEFAULTS
    assert all(not f.required for f in FIELDS if f.since == 2)


@pytest.mark.django_db
def test_a_v1_input_is_a_valid_v2_input_and_takes_the_defaults(analyst):
    body = post(analyst.client, VALID_INPUT).json()
    assert {name: body["input"][name] for name in V2_DEFAULTS} == V2_DEFAULTS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("interstate", "yes", "Must be true or false."),
        ("protracted_process", 1, "Must be true or false."),
        ("facts_disputed", "false", "Must be true or false."),
        ("parties_accept_mediation", "perhaps", "'perhaps' is not one of: yes, some, no, unknown"),
        ("displacement", "abroad", "'abroad' is not one of: none, internal, cross_border"),
        ("uncertain", "security_council", "Must be a list of"),
        ("uncertain", ["security_council", "security_council"], "more than once"),
        ("uncertain", ["region"], "Only answers about the situation can be marked uncertain"),
        ("uncertain", ["country"], "Only answers about the situation can be marked uncertain"),
        ("uncertain", ["notes"], "Only answers about the situation can be marked uncertain"),
        ("uncertain", ["uncertain"], "Only answers about the situation can be marked uncertain"),
        ("uncertain", ["grievances"], "Only answers about the situation can be marked uncertain"),
        ("uncertain", ["recent_fatalities"], "Only answers about the situation"),
        ("uncertain", list(UNCERTAIN_CHOICES[:6]), "At most 5 values (got 6)."),
    ],
)
def test_a_bad_v2_value_gets_a_400_on_its_field_and_stores_nothing(analyst, field, value, message):
    response = post(analyst.client, {**VALID_INPUT, field: value})
    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert message in response.json()[field][0]
    assert Assessment.objects.count() == 0 and Situation.objects.count() == 0


@pytest.mark.django_db
def test_several_bad_v2_values_get_one_message_each(analyst):
    bad = {"interstate": "no", "displacement": 3, "uncertain": ["country", "region"]}
    response = post(analyst.client, {**VALID_INPUT, **bad})
    assert response.status_code == 400 and set(response.json()) == set(bad)


@pytest.mark.django_db
def test_the_v2_fields_change_what_envoy_recommends(analyst):
    refused = post(analyst.client, {**VALID_INPUT, "parties_accept_mediation": "no"}).json()
    assert "direct_mediation" not in slugs(refused, "roles")
    assert "parties_refuse_help" in slugs(refused, "caveats")
    disputed = post(analyst.client, {**VALID_INPUT, "facts_disputed": True}).json()
    assert "commission_of_inquiry" in slugs(disputed, "council_tools")
    fled = post(analyst.client, {**VALID_INPUT, "displacement": "cross_border"}).json()
    assert "displacement_response" in slugs(fled, "roles")
    uncertain = ["security_council", "war_decision_imminent"]
    kept = post(analyst.client, {**VALID_INPUT, "uncertain": uncertain}).json()
    assert kept["input"]["uncertain"] == uncertain


@pytest.mark.django_db
def test_the_schema_describes_the_v2_fields(viewer):
    schema = viewer.client.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    fields = components["AssessmentInputRequest"]["properties"]

    def enum(prop):
        ref = (prop.get("allOf") or [prop])[0]["$ref"]
        return components[ref.rsplit("/", 1)[1]]["enum"]

    assert enum(fields["parties_accept_mediation"]) == ["yes", "some", "no", "unknown"]
    assert fields["parties_accept_mediation"]["default"] == "unknown"
    assert enum(fields["displacement"]) == ["none", "internal", "cross_border"]
    assert fields["interstate"]["default"] is False
    assert fields["uncertain"]["type"] == "array" and fields["uncertain"]["maxItems"] == 5
    assert "region" not in enum(fields["uncertain"]["items"])
    required = schema["components"]["schemas"]["AssessmentInputRequest"]["required"]
    assert not set(V2_DEFAULTS) & set(required)
    outputs = schema["components"]["schemas"]["Assessment"]["properties"]
    assert "partner_organizations" in outputs


@pytest.mark.django_db
def test_the_form_asks_the_v2_questions_with_help_from_the_sources(signed_in):
    html = signed_in.get("/situations/new/").content.decode()
    assert 'name="interstate"' in html and "Belize and Guatemala" in html
    assert 'name="parties_accept_mediation"' in html
    assert "do not want its help" in html
    assert 'name="facts_disputed"' in html and "Conakry" in html
    assert 'name="displacement"' in html and 'name="protracted_process"' in html
    assert 'type="checkbox" name="uncertain" value="security_council"' in html
    assert 'value="region"' not in html.split('name="uncertain"', 1)[1].split("</fieldset>")[0]
    # An optional answer starts at its default.
    assert 'value="unknown" id="id_parties_accept_mediation_3" checked' in html
    assert 'name="interstate" value="false" id="id_interstate_1" checked' in html


@pytest.mark.django_db
def test_the_form_stores_v2_answers_and_defaults_for_those_left(signed_in):
    data = situation_form_data(interstate=True, displacement="internal")
    data["uncertain"] = ["security_council", "mediation"]
    response = signed_in.post("/situations/new/", data)
    assert response.status_code == 302
    stored = Assessment.objects.get().input
    assert stored["interstate"] is True and stored["displacement"] == "internal"
    assert stored["uncertain"] == ["security_council", "mediation"]
    assert stored["parties_accept_mediation"] == "unknown" and stored["facts_disputed"] is False


@pytest.mark.django_db
def test_the_form_refuses_six_uncertain_answers_with_a_message_on_the_field(signed_in):
    data = situation_form_data()
    data["uncertain"] = list(UNCERTAIN_CHOICES[:6])
    response = signed_in.post("/situations/new/", data)
    assert response.status_code == 200
    assert "Mark at most 5 answers as not sure (6 are marked)." in response.content.decode()
    assert Assessment.objects.count() == 0


def upload(client, content: bytes):
    file = SimpleUploadedFile("rows.csv", content, content_type="text/csv")
    with run_on_commit():  # the import, queued on commit, runs
        response = client.post("/api/v1/imports/", {"file": file}, format="multipart")
    assert response.status_code == 202, response.content
    return client.get(response.json()["status_url"]).json()


@pytest.mark.django_db
def test_imports_read_the_v2_columns_and_refuse_bad_values_per_row(analyst):
    rows = [
        row(interstate=True, uncertain=["security_council", "mediation"]),
        row(country="Kenya", region="east_africa", displacement="abroad"),
    ]
    task = upload(analyst.client, csv_bytes(rows))
    assert task["result"]["stored"] == 1 and task["result"]["rejected"] == 1
    stored = Assessment.objects.get().input
    assert stored["interstate"] is True and stored["uncertain"] == ["security_council", "mediation"]
    rejected = analyst.client.get(task["rows_url"], {"status": "rejected"}).json()["results"]
    assert set(rejected[0]["errors"]) == {"displacement"}


@pytest.mark.django_db
def test_a_file_with_only_the_v1_columns_still_imports(analyst):
    v1_columns = [f.name for f in FIELDS if f.name != "situation" and f.since == 1]
    task = upload(analyst.client, csv_bytes([row()], columns=v1_columns))
    assert task["result"]["stored"] == 1
    assert Assessment.objects.get().input["parties_accept_mediation"] == "unknown"
