"""Stored recommendation sizes: the full document and the compact one, over varied inputs.

Each compact document is expanded again and compared with the full one, so the figures are
only printed for a round trip that gives back every document exactly.

    DEBUG=1 .venv/bin/python bench/document_size_bench.py --inputs 300
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from contract.fields import facts_of  # noqa: E402
from recommendations.assessments.documents import compact, expand  # noqa: E402
from recommendations.assessments.services import result_as_json  # noqa: E402
from recommendations.engine import evaluate  # noqa: E402
from recommendations.engine.decision import robustness, signposts  # noqa: E402
from tests.engine.reference import reference_ruleset  # noqa: E402
from tests.inputs import VALID_INPUT, random_input  # noqa: E402


def size(document: object) -> int:
    return len(json.dumps(document, separators=(", ", ": ")).encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=300)
    args = parser.parse_args()
    compiled = reference_ruleset()
    rng = random.Random(7)
    inputs = [VALID_INPUT, *(random_input(rng) for _ in range(args.inputs - 1))]
    full_sizes, compact_sizes = [], []
    for clean in inputs:
        facts = facts_of(clean)
        result = evaluate(compiled, facts)
        uncertain = tuple(clean.get("uncertain") or ())
        full = result_as_json(
            result,
            signposts(compiled, facts, result),
            robustness(compiled, facts, result, uncertain),
        )
        small = compact(full, compiled, facts)
        back = expand(json.loads(json.dumps(small)), compiled, facts)
        if json.dumps(back) != json.dumps(full):
            raise SystemExit(f"round trip differs for {clean}")
        full_sizes.append(size(full))
        compact_sizes.append(size(small))
    for name, sizes in (("full", full_sizes), ("compact", compact_sizes)):
        p90 = statistics.quantiles(sizes, n=10)[-1]
        print(f"{name:8} median {statistics.median(sizes):8.0f} B   p90 {p90:8.0f} B")
    print(f"VALID_INPUT: full {full_sizes[0]} B, compact {compact_sizes[0]} B")


if __name__ == "__main__":
    main()
