"""Full-text search of the case library: a stored document per case, kept by PostgreSQL.

`search_document` holds the weighted tsvector of a case (title and country weigh most, then
summary, then lessons). On PostgreSQL a trigger fills it on every insert and update and a GIN
index serves `?q=` searches; ranking reads the stored document instead of re-parsing the text.
On other databases the column stays empty and search falls back to substring matching.
"""

import django.contrib.postgres.search
from django.db import migrations

DOCUMENT = """
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.country, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.lessons, '')), 'C')
"""
CREATE = f"""
CREATE FUNCTION cases_case_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document := {DOCUMENT};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_case_search_document BEFORE INSERT OR UPDATE OF title, country, summary, lessons
    ON cases_case FOR EACH ROW EXECUTE FUNCTION cases_case_search_document();
UPDATE cases_case SET title = title;
CREATE INDEX case_search_document ON cases_case USING gin (search_document);
"""
DROP = """
DROP INDEX IF EXISTS case_search_document;
DROP TRIGGER IF EXISTS cases_case_search_document ON cases_case;
DROP FUNCTION IF EXISTS cases_case_search_document();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop),
    ]
