"""Cheaper writes of the large JSON documents of assessments, on PostgreSQL.

Each assessment stores about 13 KB of JSON (the recommendation with its citations and trace,
and the analogous cases), written once and always read whole, never queried inside. So:
- `recommendation` and `analogous_cases` are stored as `json` (checked text) rather than
  `jsonb`, which PostgreSQL would take apart into its binary form on every write, at about
  twice the CPU; no query looks inside them (add a `jsonb` column back before one does);
- the three JSON columns are compressed with lz4 rather than pglz, and kept in the row when
  they fit.
bench/tasks_bench.py re-evaluates 100,000 assessments; the database's share of the CPU is
what these settings reduce. A no-op on other databases, or where PostgreSQL lacks lz4.
"""

from django.db import migrations

DOCUMENTS = ("recommendation", "analogous_cases")
COLUMNS = ("input", *DOCUMENTS)


def _alter(document_type: str, method: str, storage: str):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        changes = [
            f"ALTER COLUMN {quote(c)} TYPE {document_type} USING {quote(c)}::{document_type}"
            for c in DOCUMENTS
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                "AND %s = ANY(enumvals)",
                [method],
            )
            if cursor.fetchone() is not None:
                changes += [f"ALTER COLUMN {quote(c)} SET COMPRESSION {method}" for c in COLUMNS]
        changes += [f"ALTER COLUMN {quote(c)} SET STORAGE {storage}" for c in COLUMNS]
        schema_editor.execute(
            f"ALTER TABLE {quote('recommendations_assessment')} {', '.join(changes)}"
        )

    return apply


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0005_leaner_assessment_writes")]

    operations = [
        migrations.RunPython(_alter("json", "lz4", "main"), _alter("jsonb", "pglz", "extended"))
    ]
