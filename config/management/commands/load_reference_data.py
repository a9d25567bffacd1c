from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.citecheck import FIXTURES_DIR
from config.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load phases, roles, organizations, missions, cases and the rest from fixtures/."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=FIXTURES_DIR)

    def handle(self, *args, fixtures: Path, verbosity: int, **options):
        try:
            report = load_reference_data(fixtures)
        except ReferenceDataError as exc:
            raise CommandError("Reference data not loaded:\n" + "\n".join(exc.problems)) from None
        if verbosity:
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS(f"{report.changes} change(s) written."))
        ruleset = report.ruleset
        if ruleset is not None and ruleset.status == ruleset.Status.DRAFT:
            # Said even when quiet: new reference rules wait for a curator.
            self.stdout.write(
                self.style.WARNING(
                    f"The reference rules are ruleset v{ruleset.version}, a draft: another "
                    "ruleset is active. A curator reviews its impact dry-run and activates it "
                    f"on the Rules pages (/rules/{ruleset.version}/) or through the API "
                    f"(POST /api/v1/rulesets/{ruleset.version}/dry-run/, then activate/)."
                )
            )
