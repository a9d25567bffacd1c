"""Benchmark of the output that decides (contract section 8.1): what signposts and robustness
over uncertain answers cost on top of one evaluation (no database, no Django).

Measures CPU time (process time) per assessment, in one run and interleaved input by input so
the ratios are fair on a shared machine, for the same random v2 inputs:
1. the evaluation alone (the result, with its trace and explanations);
2. the evaluation and its signposts (every single-answer change evaluated);
3. the evaluation, signposts and robustness with 5 uncertain answers picked at random;
4. the same with the 5 answers that have the most values (the worst case: 1,600 readings).

Goals: signposts add at most 3 ms of CPU (p50); 5 uncertain answers stay under 150 ms (p50).

Run: .venv/bin/python bench/decision_bench.py [--inputs 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contract.fields import FIELDS, FIELDS_BY_NAME, NOT_FACTS, UNCERTAIN_CHOICES, UNCERTAIN_MAX
from recommendations.engine import evaluate
from recommendations.engine.decision import robustness, signposts
from tests.engine.reference import reference_ruleset


def random_facts(rng: random.Random) -> dict:
    """A random valid v2 input's facts: every enumerated value equally likely."""
    facts = {}
    for field in FIELDS:
        if field.name in NOT_FACTS:
            continue
        if field.kind == "enum":
            facts[field.name] = rng.choice(field.choices)
        elif field.kind == "bool":
            facts[field.name] = rng.random() < 0.5
        elif field.kind == "int":
            facts[field.name] = rng.choice([None, 0, 40, 300, 1500, 20000])
        elif field.kind == "list":
            facts[field.name] = rng.sample(field.choices, rng.randint(0, 3))
    return facts


def domain(name: str) -> int:
    field = FIELDS_BY_NAME[name]
    return len(field.choices) if field.kind == "enum" else 2


WIDEST = tuple(sorted(UNCERTAIN_CHOICES, key=domain, reverse=True)[:UNCERTAIN_MAX])


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(20261202)
    ruleset = reference_ruleset()
    inputs = [random_facts(rng) for _ in range(args.inputs)]
    picks = [tuple(rng.sample(UNCERTAIN_CHOICES, UNCERTAIN_MAX)) for _ in inputs]

    def alone(facts):
        return evaluate(ruleset, facts)

    def with_signposts(facts):
        result = evaluate(ruleset, facts)
        return signposts(ruleset, facts, result)

    def with_uncertain(facts, uncertain):
        result = evaluate(ruleset, facts)
        signposts(ruleset, facts, result)
        return robustness(ruleset, facts, result, uncertain)

    times: dict[str, list[float]] = {"alone": [], "signposts": [], "random5": [], "widest5": []}
    for facts, pick in zip(inputs, picks, strict=True):
        times["alone"].append(min(cpu(lambda f=facts: alone(f)) for _ in range(3)))
        times["signposts"].append(min(cpu(lambda f=facts: with_signposts(f)) for _ in range(3)))
        times["random5"].append(cpu(lambda f=facts, u=pick: with_uncertain(f, u)))
        times["widest5"].append(cpu(lambda f=facts: with_uncertain(f, WIDEST)))

    readings = 1
    for name in WIDEST:
        readings *= domain(name)
    p50 = {k: statistics.median(v) * 1000 for k, v in times.items()}
    p95 = {k: percentile(v, 0.95) * 1000 for k, v in times.items()}
    print(f"reference ruleset v{ruleset.version}: {ruleset.size} rules; {args.inputs} inputs")
    print("CPU per assessment (ms)                   p50      p95   ratio to alone (p50)")
    labels = {
        "alone": "evaluation alone",
        "signposts": "with signposts",
        "random5": "signposts + 5 uncertain (random)",
        "widest5": f"signposts + 5 uncertain (widest, {readings})",
    }
    for key, label in labels.items():
        print(f"  {label:<38} {p50[key]:8.2f} {p95[key]:8.2f}   {p50[key] / p50['alone']:8.1f}x")
    added = p50["signposts"] - p50["alone"]
    print(f"\nsignposts add {added:.2f} ms of CPU at p50 (goal <= 3 ms)")
    print(
        f"5 uncertain answers: p50 {p50['random5']:.1f} ms at random, {p50['widest5']:.1f} ms "
        f"for the widest {', '.join(WIDEST)} (goal < 150 ms)"
    )


if __name__ == "__main__":
    main()
