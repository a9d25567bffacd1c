"""Benchmark of the rules engine (no database, no Django).

Measures, in one run so the ratios are fair on a shared machine:
1. the median time to evaluate one assessment with the compiled reference ruleset;
2. time per assessment with 1x, 10x and 100x the reference rule count (synthetic copies of
   the reference rules under new slugs), to show growth no worse than linear;
3. the same staged evaluation with every condition run by a published JsonLogic interpreter
   (json-logic-qubit) instead of Envoy's compiled conditions.

Run: .venv/bin/python bench/engine_bench.py [--inputs 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from json_logic import jsonLogic

from recommendations.engine import compile_ruleset, evaluate, rule_from_data
from recommendations.engine.facts import LISTS, STAGES
from tests.engine.reference import catalogue_slugs, reference_rules_data
from tests.inputs import random_facts as random_input


def scaled(times: int) -> tuple[list, dict]:
    """The reference rules plus (times - 1) copies of each non-phase rule, each copy with its
    own slug and its own target (a synthetic catalogue item), as a larger catalogue would have.
    Returns the rules and the catalogue slugs they target."""
    base = reference_rules_data()
    slugs = {kind: list(values) for kind, values in catalogue_slugs().items()}
    rules = [rule_from_data(r) for r in base]
    for k in range(1, times):
        for r in base:
            if r["kind"] == "phase":
                continue
            target = f"{r['target']}-{k}"
            slugs[r["kind"]].append(target)
            rules.append(rule_from_data({**r, "slug": f"{r['slug']}-{k}", "target": target}))
    return rules, slugs


def time_per_call(fn, inputs, repeat: int = 5) -> list[float]:
    """Per-input times (seconds), the best of `repeat` passes for each input."""
    best = [float("inf")] * len(inputs)
    for _ in range(repeat):
        for i, facts in enumerate(inputs):
            start = time.perf_counter()
            fn(facts)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def jsonlogic_evaluate(rules_by_stage, facts):
    """Envoy's staged algorithm with each condition run by json-logic-qubit (no explanations)."""
    data = dict(facts)
    for kind, rules in rules_by_stage:
        if kind == "phase":
            for rule in rules:
                if jsonLogic(rule.condition, data):
                    data["phase"], data["track"] = rule.target, rule.track
                    break
            continue
        fired = list(dict.fromkeys(r.target for r in rules if jsonLogic(r.condition, data)))
        data[LISTS[kind]] = fired
        if kind == "role":
            data["role_count"] = len(fired)
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(20261122)
    inputs = [random_input(rng) for _ in range(args.inputs)]

    reference = compile_ruleset(*scaled(1), version=1)
    times = time_per_call(lambda f: evaluate(reference, f), inputs)
    median_us = statistics.median(times) * 1e6
    p99_us = sorted(times)[int(len(times) * 0.99)] * 1e6
    print(f"reference ruleset: {reference.size} rules")
    print(
        f"evaluate one assessment: median {median_us:.1f} us, p99 {p99_us:.1f} us "
        f"(target median <= 100 us)"
    )

    print("\nscaling (synthetic copies of the reference rules):")
    base_us = None
    subset = inputs[: max(200, args.inputs // 10)]
    for times_n in (1, 10, 100):
        compiled = compile_ruleset(*scaled(times_n), version=times_n)
        per = statistics.median(time_per_call(lambda f, c=compiled: evaluate(c, f), subset, 3))
        per_us = per * 1e6
        base_us = base_us or per_us
        print(
            f"  {times_n:>3}x: {compiled.size:>5} rules, median {per_us:9.1f} us per assessment, "
            f"{per_us / base_us:6.1f}x the time for "
            f"{compiled.size / reference.size:5.1f}x the rules, "
            f"{per_us / compiled.size * 1000:.0f} ns per rule"
        )

    stages = [(kind, [c.rule for c in rules]) for kind, rules in reference.stages]
    assert [s for s, _ in stages] == list(STAGES)
    subset = inputs[:500]
    envoy = statistics.median(time_per_call(lambda f: evaluate(reference, f), subset, 3))
    decide = statistics.median(
        time_per_call(lambda f: evaluate(reference, f, explain=False), subset, 3)
    )
    published = statistics.median(time_per_call(lambda f: jsonlogic_evaluate(stages, f), subset, 3))
    for facts in subset[:200]:  # same answers
        ours = evaluate(reference, facts)
        theirs = jsonlogic_evaluate(stages, facts)
        assert ours.phase == theirs["phase"] and ours.slugs("caveat") == theirs["caveats"]
    print("\nsame conditions, same inputs (median per assessment):")
    print(f"  json-logic-qubit, staged, which rules fire:      {published * 1e6:9.1f} us")
    print(
        f"  Envoy compiled, staged, which rules fire:        {decide * 1e6:9.1f} us "
        f"({published / decide:.1f}x faster; target >= 10x)"
    )
    print(
        f"  Envoy compiled, plus trace and explanations:     {envoy * 1e6:9.1f} us "
        f"({published / envoy:.1f}x faster)"
    )


if __name__ == "__main__":
    main()
