"""Situations not reassessed for 90 days are flagged by a daily task, and unflagged by a new
assessment."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from recommendations.assessments.services import situations_flag_stale
from recommendations.models import Assessment, Situation
from recommendations.tasks import flag_stale_situations
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def age(assessment, days):
    Assessment.objects.filter(pk=assessment.pk).update(
        created=timezone.now() - timedelta(days=days)
    )


def test_old_situations_are_flagged_once_and_recent_ones_not():
    old, recent = AssessmentFactory(), AssessmentFactory()
    age(old, 91)
    age(recent, 89)
    assert situations_flag_stale() == 1
    flagged = Situation.objects.get(pk=old.situation_id).review_due
    assert flagged is not None
    assert Situation.objects.get(pk=recent.situation_id).review_due is None
    situations_flag_stale()
    assert Situation.objects.get(pk=old.situation_id).review_due == flagged


def test_a_new_assessment_clears_the_flag(analyst):
    old = AssessmentFactory()
    age(old, 120)
    flag_stale_situations.delay()
    assert Situation.objects.get(pk=old.situation_id).review_due is not None
    AssessmentFactory(situation=old.situation)
    assert Situation.objects.get(pk=old.situation_id).review_due is None


def test_beat_runs_the_flagging_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["flag-stale-situations"]
    assert entry["task"] == flag_stale_situations.name
    assert entry["schedule"] == 86400
