from django.db import migrations

LEVELS = ("viewer", "analyst", "curator")


def create_levels(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in LEVELS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
