"""Full-text search of the case library folds accents and apostrophes on PostgreSQL too.

A text search configuration `envoy_english` is English with `unaccent` before stemming, so
"cote" finds "Côte". Each field enters the stored document twice, as written ("d'Ivoire":
"d", "ivoire") and with its apostrophes taken out ("divoire"), so "cote divoire", "Côte
d'Ivoire" and "ivoire" all find Côte d'Ivoire; `case_search` takes the apostrophes out of
the query too. `unaccent` ships with PostgreSQL and is a trusted extension: the database's
owner may create it.
"""

from django.db import migrations

APOSTROPHES = "'\u2019\u2018\u02bc"


def field(name: str, config: str, fold: bool) -> str:
    text = f"coalesce(NEW.{name}, '')"
    if fold:
        quoted = APOSTROPHES.replace("'", "''")
        text = f"translate({text}, '{quoted}', '')"
    return f"to_tsvector('{config}', {text})"


def document(config: str, fold: bool) -> str:
    parts = []
    for name, weight in (("title", "A"), ("country", "A"), ("summary", "B"), ("lessons", "C")):
        vector = field(name, config, fold=False)
        if fold:
            vector = f"{vector} || {field(name, config, fold=True)}"
        parts.append(f"setweight({vector}, '{weight}')")
    return " ||\n    ".join(parts)


def trigger_function(body: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION cases_case_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document := {body};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE cases_case SET title = title;
"""


FORWARD = (
    """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION envoy_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION envoy_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
    + trigger_function(document("envoy_english", fold=True))
)
BACKWARD = (
    trigger_function(document("english", fold=False))
    + "DROP TEXT SEARCH CONFIGURATION IF EXISTS envoy_english;"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_source_sections")]

    operations = [migrations.RunPython(forward, backward)]
