from django.core.management.base import BaseCommand, CommandError

from recommendations.backtest import backtest
from recommendations.models import RuleSet
from recommendations.rulesets import NoActiveRuleset


class Command(BaseCommand):
    help = "Run every case snapshot through a ruleset and report agreement with the sources."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ruleset", type=int, help="ruleset version to test (default: the active one)"
        )
        parser.add_argument("--all", action="store_true", help="list agreeing snapshots too")

    def handle(self, *args, ruleset=None, all=False, **options):
        version = ruleset
        try:
            ruleset = RuleSet.objects.get(version=version) if version else None
            report = backtest(ruleset)
        except RuleSet.DoesNotExist:
            raise CommandError(f"No ruleset version {version}.") from None
        except NoActiveRuleset as exc:
            raise CommandError(str(exc)) from None
        for row in report.rows:
            if all or not row.agrees:
                mark = "ok  " if row.agrees else "DIFF"
                self.stdout.write(
                    f"{mark} {row.case} {row.date}: sources {row.expected}, rules {row.got}"
                )
        self.stdout.write(
            f"Ruleset v{report.version}: {report.agreed} of {len(report.rows)} snapshots agree "
            f"({report.agreement:.0%})."
        )
        if report.agreed != len(report.rows):
            raise CommandError("The ruleset disagrees with the sources on some snapshots.")
