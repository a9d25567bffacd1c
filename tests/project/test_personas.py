"""Every page and endpoint, tried by every persona: the anonymous, a revoked token, a user
with no access level, a viewer, an analyst and a curator of the team, and an analyst and a
curator of another team. Each is denied exactly where it should be:

- the anonymous are sent to sign in (pages) or get 401 (API), as is a revoked token;
- a level too low gets 403, whatever the object, so it confirms nothing;
- another team's situation, assessment or import gets 404, never 403, and so do another
  team's pages to a curator who is not its member (they manage their own teams only);
- everyone else gets through (no 401, 403 or 404, and no 5xx).

A last test checks that the table below names every URL of the site, so a new page or
endpoint cannot escape the sweep. The table also names each page's methods: a page answers
those only (`tests/security/test_access.py` checks that any other gets 405).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from accounts.levels import ANALYST, CURATOR, VIEWER
from accounts.tokens import token_issue, token_revoke
from recommendations.models import Assessment, RuleSet, TaskRun
from tests.factories import TeamFactory, UserFactory
from tests.helpers import make_persona
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db

PUBLIC, SIGNED_IN = "public", "signed in"
RANK = {SIGNED_IN: 0, VIEWER: 1, ANALYST: 2, CURATOR: 3}


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL's name
    method: str
    path: str  # formatted with the World's attributes
    level: str  # PUBLIC, SIGNED_IN or an access level
    team_scoped: bool = False
    api: bool = False
    destructive: bool = False  # tried by the team's curator only, last


def web(name, path, level, method="GET", **kw):
    return Endpoint(name, method, path, level, **kw)


def api(name, path, level, method="GET", **kw):
    return Endpoint(name, method, "/api/v1/" + path, level, api=True, **kw)


ENDPOINTS = [
    web("home", "/", PUBLIC),  # below viewer: what Envoy is, and no library
    web("healthz", "/healthz", PUBLIC),
    web("login", "/accounts/login/", PUBLIC),
    web("login", "/accounts/login/", PUBLIC, "POST"),
    web("logout", "/accounts/logout/", PUBLIC, "POST"),
    web("set_language", "/i18n/setlang/", PUBLIC, "POST"),
    web("password_change", "/accounts/password/", SIGNED_IN),
    web("password_change", "/accounts/password/", SIGNED_IN, "POST"),
    web("password_change_done", "/accounts/password/done/", SIGNED_IN),
    web("tokens", "/accounts/tokens/", SIGNED_IN),
    web("tokens", "/accounts/tokens/", SIGNED_IN, "POST"),
    web("token-revoke", "/accounts/tokens/{token}/revoke/", SIGNED_IN),
    web("token-revoke", "/accounts/tokens/{token}/revoke/", SIGNED_IN, "POST"),
    web("situation-list", "/situations/", VIEWER),
    web("watchlist", "/situations/watchlist/", VIEWER),
    web("watchlist-csv", "/situations/watchlist.csv", VIEWER),
    web("assessment-new", "/situations/new/", ANALYST),
    web("assessment-new", "/situations/new/", ANALYST, "POST"),
    web("import-new", "/situations/import/", ANALYST),
    web("import-new", "/situations/import/", ANALYST, "POST"),
    web("import-template", "/situations/import/template.csv", ANALYST),
    web("situations-reevaluate", "/situations/reevaluate/", CURATOR),
    web("situations-reevaluate", "/situations/reevaluate/", CURATOR, "POST"),
    web("situation-detail", "/situations/{situation}/", VIEWER, team_scoped=True),
    web("situation-compare", "/situations/{situation}/compare/", VIEWER, team_scoped=True),
    web("assessment-detail", "/situations/assessments/{assessment}/", VIEWER, team_scoped=True),
    web(
        "assessment-briefing",
        "/situations/assessments/{assessment}/briefing/",
        VIEWER,
        team_scoped=True,
    ),
    web(
        "assessment-markdown",
        "/situations/assessments/{assessment}/briefing.md",
        VIEWER,
        team_scoped=True,
    ),
    web(
        "assessment-docx",
        "/situations/assessments/{assessment}/briefing.docx",
        VIEWER,
        team_scoped=True,
    ),
    web("task-list", "/tasks/", VIEWER),
    web("task-detail", "/tasks/{task}/", VIEWER, team_scoped=True),
    web("task-rows-csv", "/tasks/{task}/rows.csv", VIEWER, team_scoped=True),
    web("task-resume", "/tasks/{task}/resume/", ANALYST, "POST", team_scoped=True),
    web("case-list", "/library/", VIEWER),
    web("case-export-csv", "/library/export.csv", VIEWER),
    web("case-export-json", "/library/export.json", VIEWER),
    web("case-new", "/library/new/", CURATOR),
    web("case-new", "/library/new/", CURATOR, "POST"),
    web("case-detail", "/library/kenya-2008/", VIEWER),
    web("case-edit", "/library/kenya-2008/edit/", CURATOR),
    web("case-edit", "/library/kenya-2008/edit/", CURATOR, "POST"),
    web("catalogue", "/catalogue/", VIEWER),
    *[
        web(f"catalogue-{kind}s", f"/catalogue/{kind}s/", VIEWER)
        for kind in ("phase", "role", "mission-model", "organization", "mission", "council-tool")
    ],
    web("catalogue-caveats", "/catalogue/caveats/", VIEWER),
    web("catalogue-sources", "/catalogue/sources/", VIEWER),
    web("catalogue-phase", "/catalogue/phases/rising/", VIEWER),
    web("catalogue-role", "/catalogue/roles/{role}/", VIEWER),
    web("catalogue-mission-model", "/catalogue/mission-models/{mission_model}/", VIEWER),
    web("catalogue-organization", "/catalogue/organizations/{organization}/", VIEWER),
    web("catalogue-mission", "/catalogue/missions/{mission}/", VIEWER),
    web("catalogue-council-tool", "/catalogue/council-tools/{council_tool}/", VIEWER),
    web("catalogue-caveat", "/catalogue/caveats/{caveat}/", VIEWER),
    web("catalogue-source", "/catalogue/sources/ipi-2012/", VIEWER),
    web("ruleset-list", "/rules/", VIEWER),
    web("ruleset-draft", "/rules/new/", CURATOR, "POST"),
    web("ruleset-detail", "/rules/{active}/", VIEWER),
    web("ruleset-edit", "/rules/{draft}/edit/", CURATOR),
    web("ruleset-edit", "/rules/{draft}/edit/", CURATOR, "POST"),
    web("ruleset-dry-run", "/rules/{draft}/dry-run/", CURATOR, "POST"),
    web("ruleset-activate", "/rules/{draft}/activate/", CURATOR, "POST"),
    web("rule-new", "/rules/{draft}/rules/new/", CURATOR),
    web("rule-new", "/rules/{draft}/rules/new/", CURATOR, "POST"),
    web("rule-edit", "/rules/{draft}/rules/{rule}/", CURATOR),
    web("rule-edit", "/rules/{draft}/rules/{rule}/", CURATOR, "POST"),
    web("rule-delete", "/rules/{draft}/rules/{rule}/delete/", CURATOR, "POST", destructive=True),
    web("ruleset-delete", "/rules/{draft}/delete/", CURATOR, "POST"),
    web("audit-log", "/audit/", CURATOR),
    web("event-list", "/events/", VIEWER),
    web("event-dataset-list", "/events/datasets/", VIEWER),
    web("event-upload", "/events/upload/", CURATOR),
    web("event-upload", "/events/upload/", CURATOR, "POST"),
    web("country-mapping-list", "/events/countries/", VIEWER),
    web("country-mapping-edit", "/events/countries/{mapping}/", CURATOR),
    web("country-mapping-edit", "/events/countries/{mapping}/", CURATOR, "POST"),
    web("team-list", "/teams/", CURATOR),
    web("team-list", "/teams/", CURATOR, "POST"),
    web("team-detail", "/teams/sahel-desk/", CURATOR, team_scoped=True),
    web("team-rename", "/teams/sahel-desk/rename/", CURATOR, "POST", team_scoped=True),
    web("team-member-add", "/teams/sahel-desk/members/", CURATOR, "POST", team_scoped=True),
    web(
        "team-member-remove",
        "/teams/sahel-desk/members/{member}/remove/",
        CURATOR,
        "POST",
        team_scoped=True,
        destructive=True,
    ),
    web(
        "team-delete",
        "/teams/sahel-desk/delete/",
        CURATOR,
        "POST",
        team_scoped=True,
        destructive=True,
    ),
    web("webhook-list", "/webhooks/", CURATOR),
    web("webhook-list", "/webhooks/", CURATOR, "POST"),
    web("webhook-detail", "/webhooks/{endpoint}/", CURATOR, team_scoped=True),
    web("webhook-detail", "/webhooks/{endpoint}/", CURATOR, "POST", team_scoped=True),
    web("webhook-rotate", "/webhooks/{endpoint}/rotate/", CURATOR, "POST", team_scoped=True),
    web("webhook-test", "/webhooks/{endpoint}/test/", CURATOR, "POST", team_scoped=True),
    web(
        "webhook-delivery-retry",
        "/webhooks/{endpoint}/deliveries/{delivery}/retry/",
        CURATOR,
        "POST",
        team_scoped=True,
    ),
    web(
        "webhook-delete",
        "/webhooks/{endpoint}/delete/",
        CURATOR,
        "POST",
        team_scoped=True,
        destructive=True,
    ),
    web("schema", "/api/schema/", PUBLIC),
    web("swagger-ui", "/api/docs/", PUBLIC),
    web("redoc", "/api/redoc/", PUBLIC),
    web("redoc-bundle", "/api/redoc/redoc.standalone.js", PUBLIC),
    api("api-root", "", SIGNED_IN),
    api("assessment-list", "assessments/", VIEWER),
    api("assessment-list", "assessments/", ANALYST, "POST"),
    api("assessment-detail", "assessments/{assessment}/", VIEWER, team_scoped=True),
    api("situation-list", "situations/", VIEWER),
    api("watchlist-list", "watchlist/", VIEWER),
    api("situation-list", "situations/", ANALYST, "POST"),
    api("situation-detail", "situations/{situation}/", VIEWER, team_scoped=True),
    api("situation-detail", "situations/{situation}/", CURATOR, "PATCH", team_scoped=True),
    api(
        "situation-detail",
        "situations/{situation}/",
        CURATOR,
        "DELETE",
        team_scoped=True,
        destructive=True,
    ),
    api("case-list", "cases/", VIEWER),
    api("case-list", "cases/", CURATOR, "POST"),
    api("case-detail", "cases/kenya-2008/", VIEWER),
    api("case-detail", "cases/kenya-2008/", CURATOR, "PATCH"),
    *[
        api(f"{kind}-list", f"{kind}s/", VIEWER)
        for kind in (
            "phase",
            "role",
            "mission-model",
            "organization",
            "mission",
            "council-tool",
            "caveat",
            "source",
        )
    ],
    api("phase-detail", "phases/rising/", VIEWER),
    api("role-detail", "roles/{role}/", VIEWER),
    api("mission-model-detail", "mission-models/{mission_model}/", VIEWER),
    api("organization-detail", "organizations/{organization}/", VIEWER),
    api("mission-detail", "missions/{mission}/", VIEWER),
    api("council-tool-detail", "council-tools/{council_tool}/", VIEWER),
    api("caveat-detail", "caveats/{caveat}/", VIEWER),
    api("source-detail", "sources/ipi-2012/", VIEWER),
    api("ruleset-list", "rulesets/", VIEWER),
    api("ruleset-list", "rulesets/", CURATOR, "POST"),
    api("ruleset-detail", "rulesets/{active}/", VIEWER),
    api("ruleset-detail", "rulesets/{draft}/", CURATOR, "PATCH"),
    api("ruleset-detail", "rulesets/{draft}/", CURATOR, "DELETE", destructive=True),
    api("ruleset-activate", "rulesets/{draft}/activate/", CURATOR, "POST"),
    api("ruleset-dry-run", "rulesets/{draft}/dry-run/", CURATOR, "POST"),
    api("ruleset-reevaluate", "rulesets/{active}/reevaluate/", CURATOR, "POST"),
    api("rule-list", "rules/", VIEWER),
    api("rule-list", "rules/", CURATOR, "POST"),
    api("rule-detail", "rules/{rule}/", VIEWER),
    api("rule-detail", "rules/{rule}/", CURATOR, "PATCH"),
    api("rule-detail", "rules/{rule}/", CURATOR, "DELETE", destructive=True),
    api("task-list", "tasks/", VIEWER),
    api("task-detail", "tasks/{task}/", VIEWER, team_scoped=True),
    api("task-rows", "tasks/{task}/rows/", VIEWER, team_scoped=True),
    api("import-list", "imports/", ANALYST, "POST"),
    api("team-list", "teams/", VIEWER),
    api("audit-entry-list", "audit/", CURATOR),
    api("webhook-list", "webhooks/", CURATOR),
    api("webhook-list", "webhooks/", CURATOR, "POST"),
    api("webhook-detail", "webhooks/{endpoint}/", CURATOR, team_scoped=True),
    api("webhook-detail", "webhooks/{endpoint}/", CURATOR, "PATCH", team_scoped=True),
    api(
        "webhook-detail",
        "webhooks/{endpoint}/",
        CURATOR,
        "DELETE",
        team_scoped=True,
        destructive=True,
    ),
    api(
        "webhook-rotate-secret",
        "webhooks/{endpoint}/rotate-secret/",
        CURATOR,
        "POST",
        team_scoped=True,
    ),
    api("webhook-test", "webhooks/{endpoint}/test/", CURATOR, "POST", team_scoped=True),
    api("webhook-deliveries", "webhooks/{endpoint}/deliveries/", CURATOR, team_scoped=True),
    api(
        "webhook-delivery-retry",
        "webhooks/{endpoint}/deliveries/{delivery}/retry/",
        CURATOR,
        "POST",
        team_scoped=True,
    ),
    api("event-dataset-list", "event-datasets/", VIEWER),
    api("event-dataset-list", "event-datasets/", CURATOR, "POST"),
    api("event-dataset-detail", "event-datasets/{dataset}/", VIEWER),
    api("event-list", "events/", VIEWER),
    api("event-detail", "events/{event}/", VIEWER),
    api("event-suggestion", "events/suggestion/?country=Sudan", VIEWER),
    api("event-country-list", "event-countries/", VIEWER),
    api("event-country-detail", "event-countries/{mapping}/", VIEWER),
    api("event-country-detail", "event-countries/{mapping}/", CURATOR, "PATCH"),
    api("event-country-detail", "event-countries/{mapping}/", CURATOR, "PUT"),
]


class World:
    """The team's objects, made on first use, and the personas who try them."""

    def __init__(self):
        self.team = TeamFactory(name="Sahel desk", slug="sahel-desk")
        self.other_team = TeamFactory(name="Far desk", slug="far-desk")
        self.personas = {
            "viewer": make_persona(VIEWER, self.team),
            "analyst": make_persona(ANALYST, self.team),
            "other team's analyst": make_persona(ANALYST, self.other_team),
            "other team's curator": make_persona(CURATOR, self.other_team),
            "curator": make_persona(CURATOR, self.team),  # last: may delete
        }
        self.curator = self.personas["curator"]

    @cached_property
    def _assessment(self) -> Assessment:
        response = self.personas["analyst"].client.post(
            "/api/v1/assessments/", VALID_INPUT, format="json"
        )
        assert response.status_code == 201
        return Assessment.objects.get(pk=response.json()["id"])

    @property
    def assessment(self) -> int:
        return self._assessment.pk

    @property
    def situation(self) -> int:
        return self._assessment.situation_id

    @cached_property
    def task(self) -> str:
        run = TaskRun.objects.create(
            kind=TaskRun.Kind.IMPORT,
            team=self.team,
            created_by=self.personas["analyst"].user,
            state=TaskRun.State.SUCCEEDED,
        )
        return str(run.pk)

    @property
    def active(self) -> int:
        return RuleSet.objects.get(status=RuleSet.Status.ACTIVE).version

    @cached_property
    def draft(self) -> int:
        response = self.curator.client.post("/api/v1/rulesets/", {"name": "Draft"})
        assert response.status_code == 201
        return response.json()["version"]

    @property
    def rule(self) -> int:
        return RuleSet.objects.get(version=self.draft).rules.order_by("pk").first().pk

    @cached_property
    def _event(self):
        from django.utils import timezone

        from events.models import CountryMapping, Event, EventDataset

        dataset = EventDataset.objects.create(name="UCDP GED 25.1", uploaded=timezone.now())
        CountryMapping.objects.create(ucdp_name="Sudan", envoy_name="Sudan")
        day = timezone.localdate()
        return Event.objects.create(
            ucdp_id=300380,
            dataset=dataset,
            year=day.year,
            type_of_violence=1,
            country="Sudan",
            date_start=day,
            date_end=day,
            best=10,
            low=8,
            high=12,
            digest="x",
        )

    @property
    def dataset(self) -> int:
        return self._event.dataset_id

    @property
    def event(self) -> int:
        return self._event.ucdp_id

    @property
    def mapping(self) -> int:
        from events.models import CountryMapping

        self._event  # noqa: B018 (makes the mapping)
        return CountryMapping.objects.get().pk

    @property
    def member(self) -> int:
        return self.personas["viewer"].user.pk

    @cached_property
    def _endpoint(self):
        from webhooks.models import Endpoint

        return Endpoint.objects.create(
            team=self.team,
            url="https://93.184.215.14/envoy",
            events=["assessment.created"],
            secret="whsec_c3dlcHQ=",
        )

    @property
    def endpoint(self) -> int:
        return self._endpoint.pk

    @cached_property
    def delivery(self) -> int:
        return self._endpoint.deliveries.create(
            event_type="assessment.created",
            msg_id="msg_swept",
            payload={},
            status="failed",
        ).pk

    @cached_property
    def token(self) -> int:
        token, _ = token_issue(self.curator.user, "swept")
        return token.pk

    def __getattr__(self, name: str):
        from missions.models import Mission, MissionModel, Organization, Role
        from recommendations.models import Caveat, CouncilTool

        models = {
            "role": Role,
            "mission_model": MissionModel,
            "organization": Organization,
            "mission": Mission,
            "council_tool": CouncilTool,
            "caveat": Caveat,
        }
        if name not in models:
            raise AttributeError(name)
        return models[name].objects.order_by("pk").first().slug

    def path(self, endpoint: Endpoint) -> str:
        names = [part.split("}")[0] for part in endpoint.path.split("{")[1:]]
        return endpoint.path.format(**{name: getattr(self, name) for name in names})


def web_clients(world: World) -> dict[str, object]:
    from django.test import Client

    clients = {"anonymous": Client()}
    unassigned = Client()
    unassigned.force_login(UserFactory())
    clients["no access level"] = unassigned
    for name, persona in world.personas.items():
        client = Client()
        client.force_login(persona.user)
        clients[name] = client
    return clients


def api_clients(world: World) -> dict[str, APIClient]:
    clients = {"anonymous": APIClient()}
    user = UserFactory(level=ANALYST, team=world.team)
    token, key = token_issue(user, "to revoke")
    token_revoke(user, token.pk)
    clients["revoked token"] = APIClient()
    clients["revoked token"].credentials(HTTP_AUTHORIZATION=f"Token {key}")
    _, key = token_issue(UserFactory(), "no level")
    clients["no access level"] = APIClient()
    clients["no access level"].credentials(HTTP_AUTHORIZATION=f"Token {key}")
    for name, persona in world.personas.items():
        clients[name] = persona.client
    return clients


LEVEL_OF = {
    "anonymous": None,
    "revoked token": None,
    "no access level": SIGNED_IN,
    "viewer": VIEWER,
    "analyst": ANALYST,
    "curator": CURATOR,
    "other team's analyst": ANALYST,
    "other team's curator": CURATOR,
}


def expected(endpoint: Endpoint, persona: str) -> str:
    if endpoint.level == PUBLIC:
        return "through"
    level = LEVEL_OF[persona]
    if level is None:
        return "401" if endpoint.api else "sign in"
    if RANK[level] < RANK[endpoint.level]:
        return "403"
    if endpoint.team_scoped and persona.startswith("other team"):
        return "404"
    return "through"


def outcome(endpoint: Endpoint, response) -> str:
    status = response.status_code
    assert status < 500, f"{endpoint.method} {endpoint.name}: {status}"
    if status == 302 and "/accounts/login/" in response.get("Location", ""):
        return "through" if endpoint.level == PUBLIC else "sign in"  # signing out ends there
    if status in (401, 403, 404):
        return str(status)
    return "through"


def call(client, endpoint: Endpoint, path: str):
    method = getattr(client, endpoint.method.lower())
    if endpoint.api:
        return method(path, {}, format="json") if endpoint.method != "GET" else method(path)
    return method(path)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[f"{e.method} {e.path}" for e in ENDPOINTS])
def test_each_persona_is_let_through_or_denied_exactly_where_it_should_be(endpoint):
    world = World()
    path = world.path(endpoint)
    clients = api_clients(world) if endpoint.api else web_clients(world)
    if endpoint.destructive:
        clients = {n: c for n, c in clients.items() if expected(endpoint, n) != "through"} | {
            "curator": clients["curator"]
        }
    got = {
        name: outcome(endpoint, call(client, endpoint, path)) for name, client in clients.items()
    }
    want = {name: expected(endpoint, name) for name in clients}
    assert got == want


def test_nobody_revokes_another_users_token(client):
    world = World()
    for persona in ("analyst", "other team's curator"):
        client.force_login(world.personas[persona].user)
        client.post(f"/accounts/tokens/{world.token}/revoke/", {"confirm": "on"})
    assert world.curator.user.api_tokens.active().filter(pk=world.token).exists()


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            names |= _url_names(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_the_sweep_covers_every_named_url_of_the_site():
    swept = {endpoint.name for endpoint in ENDPOINTS}
    assert _url_names(get_resolver()) - swept == set()
