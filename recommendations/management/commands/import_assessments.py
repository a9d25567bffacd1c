"""Import assessments from a CSV or JSON file in this process, with the same service (and the
same row checks, idempotency and report) as the upload page and the API."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from contract.errors import EnvoyError
from recommendations.imports.services import import_execute, import_record
from recommendations.models import TaskRun


class Command(BaseCommand):
    help = "Import assessments from a CSV or JSON file, as the given user, for one of their teams."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", required=True, help="username of an analyst or curator")
        parser.add_argument("--team", help="slug of one of the user's teams (default: first)")
        parser.add_argument("--format", choices=["csv", "json"], help="default: from the name")

    def handle(self, path: Path, user: str, team: str | None, format: str | None, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user {user!r}.")
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            with path.open("rb") as handle:
                run = import_record(
                    user=account, upload=File(handle, name=path.name), team=team, fmt=format
                )
        except EnvoyError as exc:
            raise CommandError(str(exc)) from None
        import_execute(str(run.pk))
        run = TaskRun.objects.get(pk=run.pk)
        r = run.result  # the report, set when the import succeeds
        if run.state != TaskRun.State.SUCCEEDED or r is None:
            raise CommandError(f"Import {run.pk} failed: {run.error}")
        self.stdout.write(
            f"Import {run.pk}: {r['rows']} rows, {r['stored']} stored, {r['rejected']} rejected, "
            f"{r['duplicates']} already imported, {r['situations_created']} new situations."
        )
        if r["rejected"]:
            self.stdout.write(f"Rejected rows: /tasks/{run.pk}/ or /api/v1/tasks/{run.pk}/rows/")
