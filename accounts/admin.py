from django.contrib import admin

from accounts.models import Membership, Team
from accounts.selectors import teams_managed_by


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Staff see the teams they manage, as on the Teams page; superusers see all."""

    list_display = ["name", "slug", "created"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=teams_managed_by(request.user))
