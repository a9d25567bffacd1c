from django.core.management.base import BaseCommand, CommandError

from contract.errors import EnvoyError
from recommendations.models import RuleSet
from recommendations.rulesets.backtest import CODED_KINDS, KIND_LABELS, BacktestReport, backtest


class Command(BaseCommand):
    help = (
        "Run every case snapshot through a ruleset and report agreement with the sources: "
        "the phase of each snapshot, and the roles, mission models and organizations each case "
        "records, reproduced at some snapshot of the case."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ruleset", type=int, help="ruleset version to test (default: the active one)"
        )
        parser.add_argument(
            "--all", action="store_true", help="list agreeing snapshots and full cases too"
        )

    def handle(self, *args, ruleset=None, all=False, **options):
        version = ruleset
        try:
            ruleset = RuleSet.objects.get(version=version) if version else None
            report = backtest(ruleset)
        except RuleSet.DoesNotExist:
            raise CommandError(f"No ruleset version {version}.") from None
        except EnvoyError as exc:
            raise CommandError(str(exc)) from None
        for row in report.rows:
            if all or not row.agrees:
                mark = "ok  " if row.agrees else "DIFF"
                self.stdout.write(
                    f"{mark} {row.case} {row.date}: sources {row.expected}, rules {row.got}"
                )
        self.write_cases(report, all)
        self.stdout.write(
            f"Ruleset v{report.version}: {report.agreed} of {len(report.rows)} snapshots agree "
            f"on the phase ({report.agreement:.0%})."
        )
        both = report.tally("role", "mission_model")
        self.stdout.write(
            f"Roles and mission models: {both.reproduced} of {both.coded} that the cases "
            f"record are recommended at some snapshot of their case ({both.share:.0%})."
        )
        for kind in CODED_KINDS:
            tally = report.tally(kind)
            self.stdout.write(
                f"  {KIND_LABELS[kind]}: {tally.reproduced} of {tally.coded} ({tally.share:.0%})"
            )
        unexplained = report.unexplained()
        self.stdout.write(
            f"Misses the case data does not explain: {len(unexplained)}"
            + "".join(f"\n  {case}: {kind} {slug}" for case, kind, slug in unexplained)
        )
        if report.agreed != len(report.rows):
            raise CommandError("The ruleset disagrees with the sources on some snapshots.")

    def write_cases(self, report: BacktestReport, all: bool) -> None:
        for case in report.cases:
            misses = [(kind, case.misses(kind)) for kind in CODED_KINDS if case.misses(kind)]
            if not (misses or all):
                continue
            counts = ", ".join(
                f"{KIND_LABELS[k]} {len(case.coded[k] & case.reproduced[k])}/{len(case.coded[k])}"
                for k in CODED_KINDS
            )
            self.stdout.write(f"case {case.case}: {counts}")
            for kind, slugs in misses:
                for slug in slugs:
                    why = case.explained.get((kind, slug))
                    note = f"explained: {why}" if why else "NOT EXPLAINED"
                    self.stdout.write(f"  miss {kind} {slug} ({note})")
