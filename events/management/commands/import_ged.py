"""Import a UCDP GED CSV from disk, as the upload page does (`events.services`)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from contract.errors import EnvoyError
from events.services import event_import_start
from recommendations.models import TaskRun


class Command(BaseCommand):
    help = "Import a UCDP GED CSV file as a dataset (all or nothing, idempotent by UCDP id)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the curator the import is for")
        parser.add_argument("--name", default="", help="the release, e.g. 'UCDP GED 25.1'")

    def handle(self, *args, file: Path, user: str, name: str, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user named {user!r}.")
        try:
            with file.open("rb") as stream:
                run = event_import_start(
                    user=account, upload=File(stream, name=file.name), name=name
                )
        except (EnvoyError, OSError) as exc:
            raise CommandError(str(exc)) from None
        run.refresh_from_db()
        if run.state == TaskRun.State.FAILED:
            raise CommandError(run.error)
        self.stdout.write(f"Task {run.pk}: {run.get_state_display()} {run.result or ''}")
