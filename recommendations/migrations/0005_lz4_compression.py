"""Compress the large JSON columns of assessments with lz4 rather than pglz on PostgreSQL:
each assessment stores about 11 KB of JSON, and lz4 costs the server far less CPU per write
(bench/tasks_bench.py re-evaluates 100,000 of them). A no-op elsewhere, or where the server
was built without lz4."""

from django.db import migrations

COLUMNS = ("input", "recommendation", "analogous_cases")


def _set(method: str):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                "AND %s = ANY(enumvals)",
                [method],
            )
            if cursor.fetchone() is None:
                return
        table = schema_editor.quote_name("recommendations_assessment")
        changes = ", ".join(
            f"ALTER COLUMN {schema_editor.quote_name(c)} SET COMPRESSION {method}" for c in COLUMNS
        )
        schema_editor.execute(f"ALTER TABLE {table} {changes}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0004_imports_and_reevaluation")]

    operations = [migrations.RunPython(_set("lz4"), _set("pglz"))]
