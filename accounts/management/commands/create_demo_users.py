from django.core.management.base import BaseCommand

from accounts.services import DEMO_TEAM, demo_accounts_create


class Command(BaseCommand):
    help = "Create the demo users (analyst, curator, viewer) in a demo team; print their passwords."

    def handle(self, *args, **options):
        accounts = demo_accounts_create()
        self.stdout.write(f"Demo users in team '{DEMO_TEAM}' (for local use only):")
        for account in accounts:
            self.stdout.write(
                f"  {account.level:<8} user: {account.username:<8} password: {account.password}"
            )
