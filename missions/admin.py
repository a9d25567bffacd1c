from django.contrib import admin

from cases.admin import CitedAdmin
from missions.models import Mission, MissionModel, Organization, Role


@admin.register(Organization)
class OrganizationAdmin(CitedAdmin):
    list_display = ["slug", "name", "acronym", "kind"]
    list_filter = ["kind"]


@admin.register(MissionModel)
class MissionModelAdmin(CitedAdmin):
    list_display = ["position", "slug", "name"]


@admin.register(Role)
class RoleAdmin(CitedAdmin):
    list_display = ["position", "slug", "name"]
    list_filter = ["phases"]
    filter_horizontal = ["phases"]


@admin.register(Mission)
class MissionAdmin(CitedAdmin):
    list_display = ["slug", "name", "organization", "country", "start_year", "end_year"]
    list_filter = ["organization", "region", "basing"]
