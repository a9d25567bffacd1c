from django.contrib import admin

from cases.admin import CitedAdmin
from phases.models import Phase


@admin.register(Phase)
class PhaseAdmin(CitedAdmin):
    list_display = ["order", "slug", "name"]
    ordering = ["order"]
