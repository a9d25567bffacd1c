"""The backtest compares the rules with what each case of the library records: the phase of
every snapshot, and the roles, mission models and organizations of the case."""

import pytest
from django.core.management import call_command

from cases.models import Case
from recommendations.models import RuleSet
from recommendations.rulesets.backtest import CODED_KINDS, backtest
from recommendations.rulesets.services import REFERENCE_RULESETS_DIR, ruleset_import_reference

pytestmark = pytest.mark.django_db


def test_the_reference_rules_reproduce_what_the_cases_record():
    report = backtest()
    assert report.agreement == 1.0
    roles_and_models = report.tally("role", "mission_model")
    assert roles_and_models.coded > 100
    assert roles_and_models.share >= 0.88
    assert report.tally("role").share >= 0.9
    assert report.tally("organization").share >= 0.85


def test_every_miss_is_explained_in_the_case_and_every_explanation_is_of_a_miss():
    report = backtest()
    assert report.unexplained() == []
    for case in report.cases:
        misses = {(kind, slug) for kind in CODED_KINDS for slug in case.misses(kind)}
        assert set(case.explained) == misses, case.case
        assert all(len(why) > 40 for why in case.explained.values()), case.case


def test_the_v2_rules_reproduce_more_of_the_library_than_the_v1_rules():
    v1, _ = ruleset_import_reference(REFERENCE_RULESETS_DIR / "v1.yaml")
    old, new = backtest(v1), backtest()
    assert (
        new.tally("role", "mission_model").reproduced
        > old.tally("role", "mission_model").reproduced
    )
    assert new.tally("organization").reproduced > old.tally("organization").reproduced


def test_a_regional_office_in_place_is_reproduced_by_the_advice_to_use_it():
    guinea = next(c for c in backtest().cases if c.case == "guinea-2009")
    assert "regional_office" in guinea.coded["mission_model"]
    assert "regional_office" in guinea.reproduced["mission_model"]


def test_a_miss_the_case_does_not_explain_is_reported(capsys):
    case = Case.objects.get(slug="kosovo-1998-99")
    case.unreproduced = [m for m in case.unreproduced if m["slug"] != "nato"]
    case.save()
    assert ("kosovo-1998-99", "organization", "nato") in backtest().unexplained()
    call_command("backtest")
    out = capsys.readouterr().out
    assert "case kosovo-1998-99: roles" in out
    assert "miss organization nato (NOT EXPLAINED)" in out
    assert "Misses the case data does not explain: 1" in out
    assert "Roles and mission models:" in out and "organizations:" in out


def test_the_command_lists_every_case_with_all(capsys):
    call_command("backtest", all=True)
    out = capsys.readouterr().out
    assert out.count("\ncase ") + out.startswith("case ") >= Case.objects.count() > 39
    assert f"Ruleset v{RuleSet.objects.get(status='active').version}" in out
