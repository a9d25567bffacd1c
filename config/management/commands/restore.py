from auditlog.context import disable_auditlog
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config.backup import database_is_empty


class Command(BaseCommand):
    help = "Load a file written by `backup` into an empty, migrated database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")

    def handle(self, path, **options):
        if not database_is_empty():
            raise CommandError(
                "The database already holds data; restore into an empty database "
                "(`manage.py migrate` on a new one, without load_reference_data)."
            )
        # The backup holds the audit trail as it was: loading it logs nothing new.
        with disable_auditlog(), transaction.atomic():
            call_command("loaddata", path, verbosity=0)
        self.stdout.write(f"Restored {path}")
