"""A GIN index for full-text search of the case library, on PostgreSQL only.

The indexed expression is `cases.selectors.case_search_vector()`, the same one the search
query uses, so the planner can answer `?q=` from the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "case_search_document"


def index():
    from cases.selectors import case_search_vector

    return GinIndex(case_search_vector(), name=INDEX_NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("cases", "Case"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("cases", "Case"), index())


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
