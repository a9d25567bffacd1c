from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from audit.selectors import entries_visible_to

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class TeamScopedLogEntryAdmin(LogEntryAdmin):
    """The audit trail in the admin, scoped to the user's teams like the audit page."""

    def get_queryset(self, request):
        return entries_visible_to(super().get_queryset(request), request.user)
