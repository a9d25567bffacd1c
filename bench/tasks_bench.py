"""Benchmark of the background tasks on the stack the compose file runs: PostgreSQL, Redis and
one Celery worker with two processes (`celery -A config worker --concurrency=2`).

1. Re-evaluation: N situations (default 100,000), each with a stored assessment, re-assessed
   under a newly activated ruleset. Wall time from the request to the run's end (target
   <= 30 s for 100,000).
2. Audit trail overhead: under one more ruleset, chunks of the re-evaluation run in this
   process, alternately with the audit trail logging each new assessment and without it
   (`disable_auditlog`), on the same machine in the same minutes: the ratio is the cost of
   the trail.
3. Import: a CSV of N rows (2% of them invalid) and one of N/10 rows, each imported by a fresh
   worker. Rows per second, and the worker's peak resident memory for both sizes: if the file
   were read whole, the peak would grow with the file; streamed, it stays flat.

Everything is started here on 127.0.0.1 and stopped at the end.
Run: .venv/bin/python bench/tasks_bench.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.imports import csv_bytes  # noqa: E402
from tests.inputs import VALID_INPUT, random_input  # noqa: E402
from tests.servers import PostgresServer, RedisServer  # noqa: E402

PY = sys.executable


def worker(env: dict) -> subprocess.Popen:
    """The compose file's worker command."""
    return subprocess.Popen(
        [PY, "-m", "celery", "-A", "config", "worker", "--loglevel=WARNING", "--concurrency=2"],
        cwd=PROJECT,
        env=env,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)  # a warm shutdown: the main process stops its pool
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def processes(match) -> Iterator[Path]:
    """/proc entries of the live processes whose (pgid, command line) satisfy `match`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if match(os.getpgid(int(entry.name)), command):
                yield entry
        except (OSError, ProcessLookupError):
            continue


def group_peak_rss_mib(pgid: int) -> float:
    """The largest peak resident set (VmHWM) among the processes of a process group."""
    peak = 0
    for entry in processes(lambda group, _: group == pgid):
        try:
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def cpu_seconds(match) -> float:
    """CPU time (user + system) used so far by the live processes whose command line matches."""
    total = 0
    for entry in processes(lambda _, command: match(command)):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time used by the whole machine so far (all cores; user, nice and system)."""
    user, nice, system = (int(v) for v in Path("/proc/stat").read_text().split()[1:4])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def celery_process(command: str) -> bool:
    return "celery" in command and " worker" in command


def wait_run(run_id, timeout: float = 1800):
    from recommendations.models import TaskRun

    deadline = time.monotonic() + timeout
    started = time.monotonic()
    shown = 0.0
    while time.monotonic() < deadline:
        run = TaskRun.objects.get(pk=run_id)
        if run.state in ("succeeded", "failed"):
            return run
        if os.environ.get("BENCH_TRACE") and time.monotonic() - shown > 2:
            shown = time.monotonic()
            print(f"  {shown - started:5.1f}s {run.state} {run.done}/{run.total}", flush=True)
        time.sleep(0.1)
    raise SystemExit(f"run {run_id} did not finish in {timeout}s")


def seed(n: int, user) -> None:
    """n situations of the user's team, each with one assessment under the active ruleset."""
    from recommendations.assessments.services import assessment_outcome, primary_team
    from recommendations.engine import validate_input
    from recommendations.models import Assessment, Situation
    from recommendations.rulesets.compiler import ruleset_active, ruleset_compile

    team, ruleset = primary_team(user), ruleset_active()
    outcome = assessment_outcome(ruleset_compile(ruleset), validate_input(VALID_INPUT))
    rng = random.Random(5)
    for start in range(0, n, 5000):
        size = min(5000, n - start)
        situations = Situation.objects.bulk_create(
            Situation(team=team, country=f"Place {start + i}", region="europe") for i in range(size)
        )
        Assessment.objects.bulk_create(
            Assessment(
                situation=situation,
                input={**random_input(rng, situation.country), "region": "europe"},
                ruleset=ruleset,
                created_by=user,
                **outcome,
            )
            for situation in situations
        )


def import_file(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    with path.open("wb") as out:
        for start in range(0, rows, 10_000):
            batch = [
                random_input(rng, f"Country {rng.randint(0, 2000)}")
                for _ in range(min(10_000, rows - start))
            ]
            for item in batch:
                if rng.random() < 0.02:
                    item["violence_level"] = "unknown"
            data = csv_bytes(batch)
            out.write(data if start == 0 else data.split(b"\n", 1)[1])


def timed_import(env: dict, user, path: Path) -> dict:
    from django.core.files import File

    from recommendations.imports.services import import_start

    process = worker(env)
    try:
        time.sleep(4)  # the worker connects and forks its processes
        idle = group_peak_rss_mib(process.pid)
        started = time.monotonic()
        with path.open("rb") as handle:
            run = import_start(user=user, upload=File(handle, name=path.name))
        run = wait_run(run.pk)
        seconds = time.monotonic() - started
        peak = group_peak_rss_mib(process.pid)
    finally:
        stop(process)
    assert run.state == "succeeded", run.error
    return {
        "rows": run.total,
        "file_mib": round(path.stat().st_size / 2**20, 1),
        "seconds": round(seconds, 1),
        "rows_per_s": round(run.total / seconds),
        "stored": run.result["stored"],
        "rejected": run.result["rejected"],
        "worker_idle_rss_mib": round(idle, 1),
        "worker_peak_rss_mib": round(peak, 1),
    }


def audit_overhead(user, chunks: int) -> dict:
    """Re-evaluation chunks run here, alternately with and without the audit trail."""
    from auditlog.context import disable_auditlog

    from accounts.models import Team
    from recommendations.assessments.reevaluation import (
        CHUNK_SIZE,
        reevaluation_chunk,
        reevaluation_targets,
    )
    from recommendations.models import TaskRun
    from recommendations.rulesets.services import ruleset_activate, ruleset_draft

    ruleset = ruleset_activate(user=user, ruleset=ruleset_draft(user=user, name="Audit bench"))
    teams = list(Team.objects.filter(memberships__user=user).values_list("pk", flat=True))
    targets = reevaluation_targets(teams, ruleset)[: (chunks + 1) * CHUNK_SIZE]
    run = TaskRun.objects.create(
        kind=TaskRun.Kind.REEVALUATE,
        state=TaskRun.State.RUNNING,
        params={"ruleset": ruleset.version, "teams": teams},
        total=len(targets),
        created_by=user,
    )
    seconds = {True: 0.0, False: 0.0}
    counts = {True: 0, False: 0}
    reevaluation_chunk(str(run.pk), targets[:CHUNK_SIZE])  # warms the compiled ruleset
    for n, start in enumerate(range(CHUNK_SIZE, len(targets), CHUNK_SIZE)):
        audited = n % 2 == 0
        began = time.perf_counter()
        if audited:
            stored = reevaluation_chunk(str(run.pk), targets[start : start + CHUNK_SIZE])
        else:
            with disable_auditlog():
                stored = reevaluation_chunk(str(run.pk), targets[start : start + CHUNK_SIZE])
        seconds[audited] += time.perf_counter() - began
        counts[audited] += stored
    with_audit = seconds[True] / counts[True] * 1000
    without = seconds[False] / counts[False] * 1000
    return {
        "assessments_each": counts[True],
        "ms_with_audit": round(with_audit, 3),
        "ms_without_audit": round(without, 3),
        "ratio": round(with_audit / without, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-imports", action="store_true")
    args = parser.parse_args()
    pg = PostgresServer(settings=("shared_buffers=2GB", "effective_cache_size=8GB")).start()
    redis = RedisServer().start()
    media = Path(tempfile.mkdtemp(prefix="envoy-bench-media-"))
    env = {
        **os.environ,
        "DATABASE_URL": pg.url,
        "REDIS_URL": redis.url,
        "SECRET_KEY": "bench-" + "x" * 40,
        "DEBUG": "0",
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from accounts.services import team_add_member, team_get_or_create, user_set_level
        from recommendations.assessments.reevaluation import reevaluation_start
        from recommendations.rulesets.services import ruleset_activate, ruleset_draft

        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        user = get_user_model().objects.create(username="bench-curator")
        user_set_level(user, "curator")
        team_add_member(team_get_or_create("Bench team"), user)

        started = time.monotonic()
        seed(args.rows, user)
        print(f"seeded {args.rows} assessments in {time.monotonic() - started:.0f}s")
        ruleset_activate(user=user, ruleset=ruleset_draft(user=user, name="Next"))

        process = worker(env)
        try:
            time.sleep(4)
            cpu_before = machine_cpu_seconds(), cpu_seconds(celery_process)
            started = time.monotonic()
            run = wait_run(reevaluation_start(user=user).pk)
            reevaluation_s = time.monotonic() - started
            cpu_all = machine_cpu_seconds() - cpu_before[0]
            cpu_worker = cpu_seconds(celery_process) - cpu_before[1]
        finally:
            stop(process)
        assert run.state == "succeeded", run.error
        reevaluation = {
            "assessments": run.result["reassessed"],
            "seconds": round(reevaluation_s, 1),
            "per_s": round(run.result["reassessed"] / reevaluation_s),
            "cpu_s_worker": round(cpu_worker, 1),
            "cpu_s_machine": round(cpu_all, 1),
        }
        print(
            f"re-evaluation: {reevaluation['assessments']} assessments in "
            f"{reevaluation['seconds']} s ({reevaluation['per_s']}/s; goal <= 30 s); CPU "
            f"seconds: worker {reevaluation['cpu_s_worker']}, whole machine "
            f"{reevaluation['cpu_s_machine']} (the rest is mostly PostgreSQL)"
        )

        audit = audit_overhead(user, chunks=min(40, args.rows // 500))
        print(
            f"audit trail: a re-evaluated assessment takes {audit['ms_with_audit']} ms with the "
            f"trail, {audit['ms_without_audit']} ms without (x{audit['ratio']}, "
            f"{audit['assessments_each']} assessments each)"
        )

        imports = {}
        for rows in () if args.skip_imports else (args.rows // 10, args.rows):
            path = media / f"bench-{rows}.csv"
            import_file(path, rows)
            imports[rows] = timed_import(env, user, path)
            r = imports[rows]
            print(
                f"import {r['rows']} rows ({r['file_mib']} MiB): {r['seconds']} s, "
                f"{r['rows_per_s']} rows/s, {r['stored']} stored, {r['rejected']} rejected, "
                f"worker peak RSS {r['worker_peak_rss_mib']} MiB "
                f"(idle {r['worker_idle_rss_mib']} MiB)"
            )
        out_dir = PROJECT / "bench" / "results"
        out_dir.mkdir(exist_ok=True)
        (out_dir / "tasks.json").write_text(
            json.dumps({"reevaluation": reevaluation, "audit": audit, "imports": imports}, indent=2)
        )
    finally:
        redis.stop()
        pg.stop()


if __name__ == "__main__":
    main()
