from django.contrib import admin

from cases.admin import CitedAdmin

from .models import Assessment, Caveat, CouncilTool, Rule, RuleSet, Situation


@admin.register(CouncilTool)
class CouncilToolAdmin(CitedAdmin):
    list_display = ["position", "slug", "name"]


@admin.register(Caveat)
class CaveatAdmin(CitedAdmin):
    list_display = ["position", "slug", "name"]


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["created", "created_by"]
    readonly_fields = ["created", "created_by"]
    show_change_link = True


@admin.register(Situation)
class SituationAdmin(admin.ModelAdmin):
    list_display = ["country", "region", "team", "updated"]
    list_filter = ["team", "region"]
    search_fields = ["country"]
    inlines = [AssessmentInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "situation", "created", "created_by"]
    list_filter = ["situation__team"]
    readonly_fields = ["created"]


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 0
    fields = ["slug", "kind", "target", "track", "priority", "condition"]
    show_change_link = True


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["version", "name", "status", "created", "activated"]
    list_filter = ["status"]
    readonly_fields = ["source_hash", "created", "activated", "activated_by", "updated"]
    inlines = [RuleInline]


@admin.register(Rule)
class RuleAdmin(CitedAdmin):
    list_display = ["slug", "ruleset", "kind", "target", "priority"]
    list_filter = ["ruleset", "kind"]
    search_fields = ["slug", "target", "rationale"]
