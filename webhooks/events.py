"""The events other tools can subscribe to, and the test event a curator sends by hand."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ASSESSMENT_CREATED = "assessment.created"
PHASE_CHANGED = "situation.phase_changed"
TREND_CHANGED = "situation.trend_changed"
TEST = "webhook.test"

# The events an endpoint may subscribe to, with what they tell.
EVENT_CHOICES = [
    (ASSESSMENT_CREATED, _("An assessment was stored (form, API, import or re-evaluation)")),
    (PHASE_CHANGED, _("A situation's phase or track differs from its previous assessment's")),
    (TREND_CHANGED, _("A situation's trend changed")),
]
EVENTS = tuple(value for value, _label in EVENT_CHOICES)
