"""What curators may do in the admin: read the audit trail, the situations and assessments of
their teams, the case library, the rules and the teams. Changes go through Envoy's own pages
(the Teams page for teams), whose services validate them; superusers may do all."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from accounts.levels import CURATOR

CURATOR_PERMISSIONS = [
    "auditlog.view_logentry",
    "recommendations.view_situation",
    "recommendations.view_assessment",
    "recommendations.view_ruleset",
    "recommendations.view_rule",
    "cases.view_case",
    "cases.view_casesnapshot",
    "cases.view_source",
    "accounts.view_team",
    "accounts.view_membership",
]


def curator_permissions_grant(**kwargs) -> None:
    """Give the curator group, if there is one yet, exactly its admin permissions: run after
    migrate (once every app's permissions exist) and when the group is made. A new database
    has no group, so that a backup can be restored into it."""
    group = Group.objects.filter(name=CURATOR).first()
    if group is None:
        return
    wanted = [name.split(".") for name in CURATOR_PERMISSIONS]
    permissions = [
        permission
        for permission in Permission.objects.filter(
            codename__in=[codename for _, codename in wanted]
        ).select_related("content_type")
        if [permission.content_type.app_label, permission.codename] in wanted
    ]
    group.permissions.set(permissions)  # exactly these
