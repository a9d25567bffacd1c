"""The reference data: complete against the spec, cited, and loaded idempotently."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.citecheck import FIXTURES_DIR
from cases.models import Case, CaseSnapshot, Citation, Source
from config.reference_data import ReferenceDataError, load_reference_data
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool
from tests import spec

pytestmark = pytest.mark.django_db

CATALOGUES = [
    (Phase, spec.PHASES),
    (Role, spec.ROLES),
    (MissionModel, spec.MISSION_MODELS),
    (Organization, spec.ORGANIZATIONS),
    (CouncilTool, spec.COUNCIL_TOOLS),
    (Caveat, spec.CAVEATS),
]
CITED_MODELS = [
    Phase,
    Role,
    MissionModel,
    Organization,
    CouncilTool,
    Caveat,
    Mission,
    Case,
    CaseSnapshot,
]


@pytest.mark.parametrize(("model", "slugs"), CATALOGUES, ids=lambda x: getattr(x, "__name__", ""))
def test_every_slug_of_the_spec_is_in_the_reference_data(model, slugs):
    assert set(slugs) <= set(model.objects.values_list("slug", flat=True))


def test_the_five_sources_of_the_seeds_are_known():
    assert set(Source.objects.values_list("key", flat=True)) == {
        "gowan-2011",
        "gowan-2011-web",
        "usip-2012-pmpd",
        "cic-zif-2010",
        "ipi-2012",
    }


def test_each_source_is_stored_with_its_section_headings_in_order():
    ipi = Source.objects.get(key="ipi-2012")
    assert [s["heading"] for s in ipi.sections][:2] == ["Introduction", "Taking Stock"]
    gowan = {s["heading"]: s["level"] for s in Source.objects.get(key="gowan-2011").sections}
    assert gowan["Preventive Tasks for Political Missions"] == 1
    assert gowan["At the Rubicon"] == 2


def test_a_malformed_list_of_sections_is_refused(tmp_path: Path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    sources = yaml.safe_load((fixtures / "sources.yaml").read_text())
    sources[0]["sections"][0]["level"] = 3
    del sources[1]["sections"]
    (fixtures / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True))

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(fixtures)

    problems = "\n".join(raised.value.problems)
    assert "gowan-2011 sections[0]: level must be 1 or 2, not 3" in problems
    assert "gowan-2011-web: sections must be a non-empty list" in problems


def test_the_library_holds_enough_missions_and_cases():
    assert Mission.objects.count() >= 15
    assert Case.objects.count() >= 20
    assert all(case.snapshots.exists() for case in Case.objects.all())


@pytest.mark.parametrize("model", CITED_MODELS, ids=lambda m: m.__name__)
def test_every_item_has_at_least_one_citation(model):
    uncited = [str(obj) for obj in model.objects.all() if not obj.citations.exists()]
    assert model.objects.exists()
    assert uncited == []


def test_organizations_are_candidates_to_lead_exactly_where_the_spec_says():
    for region, slugs in spec.CANDIDATES.items():
        hcnm = ["osce_hcnm"] if region in spec.OSCE_AREA else []
        leading = {o.slug for o in Organization.objects.all() if region in o.lead_regions}
        assert leading == {*slugs, *hcnm}, region


def test_phases_follow_the_curve_of_conflict_in_order():
    assert list(Phase.objects.values_list("slug", flat=True)) == spec.PHASES


def test_roles_are_core_in_the_phases_of_their_firing_condition():
    phases = {r.slug: {p.slug for p in r.phases.all()} for r in Role.objects.all()}
    assert phases["early_warning"] == {"latent", "rising"}
    assert phases["lead_mediator_support"] == {"rubicon"}
    assert phases["implementation_support"] == {"post_rubicon"}
    assert all(phases[slug] for slug in spec.ROLES)


def test_a_second_load_changes_nothing():
    before = Citation.objects.order_by("pk").values_list("pk", flat=True)
    before = list(before)
    report = load_reference_data()
    assert report.changes == 0
    assert sum(report.unchanged.values()) > 100
    assert list(Citation.objects.order_by("pk").values_list("pk", flat=True)) == before


def test_a_changed_fixture_updates_only_what_changed(tmp_path: Path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    phases = yaml.safe_load((fixtures / "phases.yaml").read_text())
    phases[0]["description"] = "Recognizable differences, no mass violence."
    (fixtures / "phases.yaml").write_text(yaml.safe_dump(phases, allow_unicode=True))

    report = load_reference_data(fixtures)

    assert report.changes == 1
    assert report.updated["phases"] == 1
    assert Phase.objects.get(slug="latent").description.startswith("Recognizable differences")


def test_a_deleted_item_comes_back_on_the_next_load():
    Caveat.objects.get(slug="morning_after").delete()
    report = load_reference_data()
    assert report.created["caveats"] == 1
    assert Caveat.objects.get(slug="morning_after").citations.exists()


def test_a_bad_fixture_stores_nothing(tmp_path: Path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    roles = yaml.safe_load((fixtures / "roles.yaml").read_text())
    roles[0]["description"] = "Changed, but the load must not keep it."
    roles[-1]["phases"] = ["no_such_phase"]
    (fixtures / "roles.yaml").write_text(yaml.safe_dump(roles, allow_unicode=True))

    with pytest.raises(ReferenceDataError, match="no_such_phase"):
        load_reference_data(fixtures)
    assert Role.objects.get(slug=roles[0]["slug"]).description != roles[0]["description"]


def test_an_uncited_item_or_invalid_snapshot_is_refused_before_anything_is_written(
    tmp_path: Path,
):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    caveats = yaml.safe_load((fixtures / "caveats.yaml").read_text())
    caveats[0]["citations"] = []
    (fixtures / "caveats.yaml").write_text(yaml.safe_dump(caveats, allow_unicode=True))
    case_file = sorted((fixtures / "cases").glob("*.yaml"))[0]
    case = yaml.safe_load(case_file.read_text())
    case["snapshots"][0]["input"]["violence_level"] = "apocalyptic"
    case_file.write_text(yaml.safe_dump(case, allow_unicode=True))

    with pytest.raises(ReferenceDataError) as raised:
        load_reference_data(fixtures)

    problems = "\n".join(raised.value.problems)
    assert f"{caveats[0]['slug']}: no citation" in problems
    assert "violence_level" in problems


def test_the_command_reports_problems_without_a_traceback(tmp_path: Path):
    (tmp_path / "sources.yaml").write_text("[]")
    with pytest.raises(CommandError, match=r"phases\.yaml: no such file"):
        call_command("load_reference_data", fixtures=tmp_path, verbosity=0)
