"""Backup and restore of everything users made: accounts and teams, situations, assessments,
rulesets and rules, the case library and catalogues, tasks and their reports, webhook
endpoints and their deliveries, event data.

A backup is Django's JSON serialization of those models, primary keys kept, foreign keys to
content types and permissions written as natural keys (so it loads into any database the
migrations built). Sessions, content types, permissions, the admin log and sign-in
failures are left out: they are rebuilt or expire. Uploaded import files are not included.
Restoring needs an empty database (migrated, with no user data) and loads everything in one
transaction, so a failure halfway leaves the database as it was.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model

APPS = (
    "auth",
    "accounts",
    "phases",
    "missions",
    "cases",
    "recommendations",
    "webhooks",
    "events",
    "auditlog",
)
LEFT_OUT = {"auth.permission"}


def backup_models() -> list[type[Model]]:
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in LEFT_OUT
    ]


def backup_labels() -> list[str]:
    return [model._meta.label for model in backup_models()]


def database_is_empty() -> bool:
    """No user data: the reference data of a fresh `make run` counts as data too."""
    return not any(model._base_manager.exists() for model in backup_models())
