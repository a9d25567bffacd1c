"""The situation form's suggestion from event data (UCDP GED): the deaths and the level of
violence of the country over the last months (`events.selectors.event_suggestion`).

Steps, on each post of the form:
1. The suggestion is worked out on the server for the country posted, today.
2. If the page has not shown it yet (or showed another: other data, another country), the
   form is shown again with it, saving nothing, so that the analyst sees it before saving.
3. Otherwise each answer whose "use this suggestion" box is ticked takes the suggested
   value; the others keep what the analyst gave.
4. The assessment is stored with a record of the suggestion and of the answers that used it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.http import QueryDict
from django.utils import timezone

from events.selectors import Suggestion, event_suggestion
from events.services import suggestion_record
from recommendations.assessments.services import assessment_create
from recommendations.models import Assessment

USE_FATALITIES = "use_event_fatalities"
USE_VIOLENCE_LEVEL = "use_event_violence_level"
SHOWN = "event_suggestion_shown"


@dataclass(frozen=True)
class Prefill:
    """The suggestion for the form as posted (or about to be shown), and the analyst's use."""

    suggestion: Suggestion | None
    shown: str = ""  # the token of the suggestion the page showed, if any
    use_fatalities: bool = False
    use_violence_level: bool = False

    @property
    def awaiting(self) -> bool:
        """The suggestion has not been shown as it stands: show it before saving."""
        return self.suggestion is not None and self.shown != self.suggestion.shown

    @property
    def changed(self) -> bool:
        """The page showed a suggestion that no longer holds (other data, another country)."""
        return bool(self.shown) and self.awaiting

    def answers(self, posted: QueryDict) -> QueryDict:
        """The posted answers, the suggestion in place of those the analyst chose to use."""
        if self.suggestion is None or self.awaiting:
            return posted
        data = posted.copy()
        if self.use_fatalities:
            data["recent_fatalities"] = str(self.suggestion.best)
        if self.use_violence_level:
            data["violence_level"] = self.suggestion.violence_level
        return data


def prefill_for(country: str, posted: QueryDict | None = None) -> Prefill:
    """Step 1: the suggestion for the country today, with what the post says of it."""
    suggestion = event_suggestion(country or "", timezone.localdate())
    if posted is None:
        return Prefill(suggestion)
    return Prefill(
        suggestion,
        shown=posted.get(SHOWN, ""),
        use_fatalities=posted.get(USE_FATALITIES) == "on",
        use_violence_level=posted.get(USE_VIOLENCE_LEVEL) == "on",
    )


def assessment_create_with_prefill(*, user: User, data: Any, prefill: Prefill) -> Assessment:
    """Store an assessment made on the form, and the suggestion it was shown (step 4), all
    or nothing."""
    suggestion = prefill.suggestion

    def record(assessment: Assessment) -> None:
        if suggestion is not None:
            suggestion_record(
                user=user,
                assessment=assessment,
                suggestion=suggestion,
                used_fatalities=prefill.use_fatalities,
                used_violence_level=prefill.use_violence_level,
            )

    return assessment_create(user=user, data=data, before_commit=record)
