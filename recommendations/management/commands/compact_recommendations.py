"""Store every assessment's recommendation in its compact form (safe to stop and rerun)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from recommendations.assessments.documents import recommendations_compact


class Command(BaseCommand):
    help = (
        "Store full recommendation documents compact, in batches by id, each batch in its "
        "own transaction; documents already compact are skipped, so a run can be resumed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=1000)
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        done = recommendations_compact(batch=options["batch"], limit=options["limit"])
        self.stdout.write(f"{done} recommendations stored compact.")
