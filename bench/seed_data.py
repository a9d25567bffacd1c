"""Seed a benchmark database: an analyst with a token, and N generated cases.

Generated text follows Zipf's law, as real text does: the words of the real case summaries
and 20,000 made-up names share one vocabulary, shuffled, and the word of rank r is drawn with
weight 1/r. So a few words are in most cases and most words in few, and a query word may be
common or rare. Prints `TOKEN <key>`, `CASES <count>` and the vocabulary file's path.
Run (with DATABASE_URL set): python bench/seed_data.py 100000
"""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.services import team_add_member, team_get_or_create, user_set_level  # noqa: E402
from accounts.tokens import token_issue  # noqa: E402
from cases.models import Case  # noqa: E402

REGIONS = ["europe", "west_africa", "east_africa", "middle_east", "central_asia", "americas"]


def main(wanted: int) -> None:
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user_set_level(user, "analyst")
    team_add_member(team_get_or_create("Bench team"), user)
    print("TOKEN", token_issue(user, "bench")[1])
    text = " ".join(Case.objects.values_list("summary", flat=True)).split()
    domain = sorted({w.strip(".,;:()'\"").lower() for w in text if len(w) > 3})
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ra", "to", "su", "ne", "ba", "di", "zu", "ve", "or", "an"]
    names = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20_000)}
    vocabulary = domain + sorted(names - set(domain))
    rng.shuffle(vocabulary)
    places = [name.title() for name in sorted(names)[:190]]
    weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]

    def words(k: int) -> str:
        return " ".join(rng.choices(vocabulary, weights=weights, k=k))

    batch = []
    for i in range(wanted):
        batch.append(
            Case(
                slug=f"generated-{i}",
                title=words(4).title(),
                country=rng.choice(places),
                region=rng.choice(REGIONS),
                start_year=rng.randint(1960, 2025),
                outcome=rng.choice(["success", "mixed", "failure"]),
                summary=words(60),
                lessons=words(25),
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("CASES", Case.objects.count())
    print("DOMAIN_WORDS", " ".join(domain))


if __name__ == "__main__":
    main(int(sys.argv[1]))
