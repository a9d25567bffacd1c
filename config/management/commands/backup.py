from django.core.management import call_command
from django.core.management.base import BaseCommand

from config.backup import backup_labels


class Command(BaseCommand):
    help = "Write all user data (teams, situations, assessments, cases, rules...) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write (.json, or .json.gz to compress)")

    def handle(self, path, **options):
        call_command(
            "dumpdata",
            *backup_labels(),
            format="exact-json",  # settings.SERIALIZATION_MODULES; loaddata reads it as JSON
            natural_foreign=True,
            use_base_manager=True,
            indent=None,
            output=path,
            verbosity=0,
        )
        self.stdout.write(f"Wrote {path}")
