"""CPU profile of creating an assessment in-process (no HTTP): what each stage of
`assessment_create` and of the API body costs, on a real PostgreSQL set up as the API
benchmark's (migrated, reference data loaded, a bench analyst).

Reports CPU ms (process time) per assessment by stage, the queries one creation runs, and the
top of a cProfile of the whole path (service and body), so a change is measured where it lands.

Run: .venv/bin/python bench/assessment_profile.py [--assessments 300] [--top 25] [--sort cumulative]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.inputs import VALID_INPUT  # noqa: E402
from tests.servers import PostgresServer  # noqa: E402


def prepare(url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "x" * 40,
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    for args in (["migrate", "-v0"], ["load_reference_data", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True)
    subprocess.run(
        [sys.executable, "bench/seed_data.py", "0"],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def measure(n: int, top: int, sort: str = "tottime") -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from contract.fields import facts_of
    from recommendations.assessments import services
    from recommendations.assessments.analogies import analogous_cases
    from recommendations.assessments.documents import compact, remember_full
    from recommendations.assessments.selectors import assessment_body, catalogue_labels
    from recommendations.engine import evaluate, validate_input
    from recommendations.engine.decision import robustness, signposts
    from recommendations.models import Assessment
    from recommendations.rulesets.compiler import ruleset_active, ruleset_compile

    user = get_user_model().objects.get(username="bench-analyst")
    data = {**VALID_INPUT, "country": "Profiland"}
    stages: dict[str, float] = defaultdict(float)

    def timed(stage, fn, *args):
        start = time.process_time()
        value = fn(*args)
        stages[stage] += time.process_time() - start
        return value

    def one() -> Assessment:
        """`assessment_create` and the API body, stage by stage (same calls, same order)."""
        clean = timed("validate", validate_input, data)
        compiled = timed("ruleset", lambda: ruleset_compile(ruleset_active()))
        facts = facts_of(clean)
        result = timed("evaluate", evaluate, compiled, facts)
        uncertain = tuple(clean.get("uncertain") or ())
        found = timed("signposts", signposts, compiled, facts, result)
        robust = timed("robustness", robustness, compiled, facts, result, uncertain)
        analogies = timed(
            "analogies",
            lambda: [a.as_dict() for a in analogous_cases(facts, result.phase, result.track)],
        )
        document = timed("result_as_json", services.result_as_json, result, found, robust)
        stored = timed("compact", compact, document, compiled, facts, result)
        labels = timed("labels", catalogue_labels)

        def store():
            with transaction.atomic():
                situation = services.situation_for(user, clean)
                assessment = Assessment.objects.create(
                    situation=situation,
                    input=services.stored_input(clean),
                    created_by=user,
                    ruleset=ruleset_active(),
                    phase=services.phases_by_slug()[result.phase],
                    track=result.track or "",
                    recommendation=stored,
                    analogous_cases=analogies,
                )
                remember_full(assessment, document)
                services.assessments_announce([assessment])
                timed("body", assessment_body, assessment, labels)  # as the API: in the transaction
                return assessment

        body_before, start = stages["body"], time.process_time()
        assessment = store()
        stages["DB write"] += time.process_time() - start - (stages["body"] - body_before)
        return assessment

    def answered() -> dict:
        """What the API's create does: the service, and the body read before the commit."""
        labels = catalogue_labels()
        bodies: list[dict] = []
        services.assessment_create(
            user=user,
            data=data,
            before_commit=lambda stored: bodies.append(assessment_body(stored, labels)),
        )
        return bodies[0]

    for _ in range(20):  # warm every cache first
        one()
        answered()
    stages.clear()
    start = time.process_time()
    for _ in range(n):
        one()
    staged = time.process_time() - start
    start = time.process_time()
    for _ in range(n):
        answered()
    whole = time.process_time() - start
    from django.test import Client

    from accounts.tokens import token_issue

    client = Client(
        HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token_issue(user, 'profile')[1]}"
    )
    post = {"path": "/api/v1/assessments/", "data": data, "content_type": "application/json"}
    for _ in range(20):
        assert client.post(**post).status_code == 201
    start = time.process_time()
    for _ in range(n):
        client.post(**post)
    http = time.process_time() - start
    with CaptureQueriesContext(connection) as queries:
        answered()

    print(f"{n} assessments; CPU ms per assessment (service + body, in-process):")
    for stage, seconds in stages.items():
        print(f"  {stage:15} {seconds / n * 1000:7.3f}")
    print(f"  {'sum of stages':15} {staged / n * 1000:7.3f}")
    print(f"assessment_create + assessment_body: {whole / n * 1000:.3f} ms CPU (goal <= 3)")
    print(
        f"POST /api/v1/assessments/ via Django (middleware, auth, view): {http / n * 1000:.3f} ms"
    )
    print(f"queries per creation + body: {len(queries)}")
    for q in queries.captured_queries:
        print("   ", q["sql"][:110])

    with CaptureQueriesContext(connection) as queries:
        client.post(**post)
    print(f"queries per POST: {len(queries)}")
    for q in queries.captured_queries:
        print("   ", q["sql"][:110])

    for title, run in (
        ("service + body", answered),
        ("POST through Django", lambda: client.post(**post)),
    ):
        profile = cProfile.Profile(time.process_time)  # CPU, not waiting for the database
        profile.enable()
        for _ in range(n):
            run()
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
        print(f"--- profile of {title} (CPU, by {sort}) ---")
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assessments", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime, cumulative")
    parser.add_argument("--database-url", help="an already prepared database (skips setup)")
    args = parser.parse_args()
    if args.database_url:
        os.environ.update(DATABASE_URL=args.database_url)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        measure(args.assessments, args.top, args.sort)
        return
    pg = PostgresServer().start()
    try:
        env = prepare(pg.url)
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--assessments",
                str(args.assessments),
                "--top",
                str(args.top),
                "--sort",
                args.sort,
                "--database-url",
                pg.url,
            ],
            env=env,
            check=True,
        )
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
