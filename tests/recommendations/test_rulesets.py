"""Rulesets in the database: versions, one active, validated rules, the reference import."""

import shutil

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from cases.citecheck import FIXTURES_DIR
from cases.models import CaseSnapshot
from recommendations.assessments.services import facts_of
from recommendations.engine import evaluate
from recommendations.models import RuleSet
from recommendations.rulesets.backtest import backtest
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile
from recommendations.rulesets.services import (
    reference_ruleset_file,
    reference_ruleset_files,
    rule_save,
    ruleset_import_reference,
)
from tests import spec
from tests.engine.reference import reference_rules_data

pytestmark = pytest.mark.django_db


def test_the_reference_ruleset_is_loaded_and_active():
    active = ruleset_active()
    assert active.source_hash
    assert active.rules.count() == len(reference_rules_data()) > 77
    assert active.name == "Reference ruleset, contract v2"
    assert all(rule.citations.exists() for rule in active.rules.all())


def test_importing_the_same_rules_again_changes_nothing():
    before = RuleSet.objects.count()
    ruleset, created = ruleset_import_reference()
    assert not created
    assert RuleSet.objects.count() == before
    assert ruleset == ruleset_active()


def changed_reference_rules(tmp_path):
    data = yaml.safe_load(reference_ruleset_file().read_text())
    data["rules"][-1]["rationale"] = "Plan for the day after."
    path = tmp_path / "v9.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_changed_reference_rules_arrive_as_a_draft_beside_the_active_rules(tmp_path):
    old = ruleset_active()

    new, created = ruleset_import_reference(changed_reference_rules(tmp_path))

    assert created and new.version == old.version + 1
    assert new.status == "draft" and new.activated is None
    assert ruleset_active() == old


def test_on_a_database_with_no_active_rules_the_reference_rules_become_active(tmp_path):
    RuleSet.objects.filter(status="active").update(status="retired")

    new, created = ruleset_import_reference(changed_reference_rules(tmp_path))

    assert created and new.status == "active" and new.activated is not None
    assert ruleset_active() == new


def test_the_reference_rulesets_are_one_file_per_contract_version_the_newest_shipped():
    files = reference_ruleset_files()
    assert [f.name for f in files] == ["v1.yaml", "v2.yaml"]
    assert reference_ruleset_file() == files[-1]


def test_only_one_ruleset_may_be_active():
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleSet.objects.create(version=50, name="Second", status="active")


def test_a_rule_with_an_unknown_field_operator_or_value_is_refused_on_save(curator):
    draft = RuleSet.objects.create(version=90, name="Trial")
    rule = {
        "slug": "x",
        "kind": "caveat",
        "target": "morning_after",
        "priority": 1,
        "rationale": "r",
        "condition": {"==": [{"var": "violence"}, "none"]},
    }

    def refused(**changes):
        with pytest.raises(ValidationError) as raised:
            rule_save(user=curator.user, ruleset=draft, data={**rule, **changes})
        return raised.value.message_dict

    assert refused() == {"condition": ["==[0]: unknown field 'violence'"]}
    assert "unknown operator '~'" in refused(condition={"~": [1]})["condition"][0]
    loud = refused(condition={"==": [{"var": "violence_level"}, "loud"]})["condition"][0]
    assert "'loud' is not a value of 'violence_level'" in loud
    assert "target" in refused(condition=True, target="nonsense")
    assert not draft.rules.exists()


def test_the_compiled_ruleset_is_reused_for_the_same_version():
    active = ruleset_active()
    assert ruleset_compile(active) is ruleset_compile(RuleSet.objects.get(pk=active.pk))


def test_the_reference_ruleset_agrees_with_the_sources_on_every_case():
    report = backtest()
    assert len(report.rows) == CaseSnapshot.objects.count() > 40
    assert [row for row in report.rows if not row.agrees] == []


def test_every_snapshot_gets_the_caveats_the_spec_says():
    compiled = ruleset_compile(ruleset_active())
    for snapshot in CaseSnapshot.objects.all():
        result = evaluate(compiled, facts_of(snapshot.input))
        assert result.slugs("caveat") == spec.expected(snapshot.input)["caveats"]


def test_the_backtest_command_reports_agreement(capsys):
    call_command("backtest")
    assert "snapshots agree on the phase (100%)" in capsys.readouterr().out


def test_the_backtest_command_fails_on_disagreement_without_a_traceback(capsys):
    snapshot = CaseSnapshot.objects.exclude(track="war").first()
    CaseSnapshot.objects.filter(pk=snapshot.pk).update(
        input={**snapshot.input, "violence_level": "full_scale_war", "settlement_status": "none"}
    )
    with pytest.raises(CommandError, match="disagrees"):
        call_command("backtest")
    assert "DIFF" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No ruleset version 999"):
        call_command("backtest", ruleset=999)


def test_the_reference_data_command_imports_the_rules(tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    path = fixtures / "rulesets" / "v2.yaml"
    data = yaml.safe_load(path.read_text())
    data["rules"][0]["condition"] = {"==": [{"var": "mood"}, "x"]}
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CommandError, match=r"rulesets/v2.yaml: .*unknown field 'mood'"):
        call_command("load_reference_data", fixtures=fixtures, verbosity=0)
