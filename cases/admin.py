from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from cases.models import Case, CaseSnapshot, Citation, Source


class CitationInline(GenericTabularInline):
    model = Citation
    extra = 0
    fields = ["position", "source", "locator", "quote"]
    autocomplete_fields = ["source"]


class CitedAdmin(admin.ModelAdmin):
    """Admin for any reference item: its citations are edited inline."""

    inlines = [CitationInline]
    search_fields = ["slug", "name"]
    list_display = ["slug", "name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "publisher", "published"]
    search_fields = ["key", "title"]


class SnapshotInline(admin.StackedInline):
    model = CaseSnapshot
    extra = 0
    fields = ["date", "label", "phase", "track", "input"]


@admin.register(Case)
class CaseAdmin(CitedAdmin):
    list_display = ["slug", "title", "country", "region", "start_year", "outcome"]
    list_filter = ["region", "outcome"]
    search_fields = ["slug", "title", "country", "summary"]
    filter_horizontal = ["organizations", "missions", "roles"]
    inlines = [SnapshotInline, CitationInline]


@admin.register(CaseSnapshot)
class CaseSnapshotAdmin(CitedAdmin):
    list_display = ["case", "date", "label", "phase", "track"]
    list_filter = ["phase", "track"]
    search_fields = ["case__title", "label"]
