from django import forms
from django.contrib import admin

from accounts.models import Team
from accounts.selectors import teams_of
from cases.admin import CitedAdmin
from recommendations.models import Assessment, Caveat, CouncilTool, Rule, RuleSet, Situation
from recommendations.rulesets.compiler import rule_errors


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


class TeamScopedAdmin(admin.ModelAdmin):
    """Staff see and assign only their own teams' situations, as everywhere else;
    superusers, who run the site, see all."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # The admin's queryset is the model's own, SituationQuerySet or AssessmentQuerySet.
        return queryset.visible_to(request.user)  # type: ignore[attr-defined]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            related = db_field.related_model
            if related is Team:
                kwargs["queryset"] = teams_of(request.user)
            elif related in (Situation, Assessment):
                kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Situation)
class SituationAdmin(TeamScopedAdmin):
    list_display = ["country", "region", "team", "updated"]
    list_filter = ["team", "region"]
    search_fields = ["country"]
    inlines = [AssessmentInline]


@admin.register(Assessment)
class AssessmentAdmin(TeamScopedAdmin):
    list_display = ["id", "situation", "created", "created_by"]
    list_filter = ["situation__team"]
    readonly_fields = ["created"]


class RuleAdminForm(forms.ModelForm):
    """The admin checks a rule against the contract and the catalogue, as `rule_save` does."""

    class Meta:
        model = Rule
        fields = [
            "ruleset",
            "slug",
            "kind",
            "target",
            "track",
            "condition",
            "priority",
            "rationale",
        ]

    def clean(self):
        cleaned = super().clean()
        for field, messages in rule_errors(self.instance).items():
            self.add_error(field if field in self.fields else None, messages)
        return cleaned


class RuleInline(admin.TabularInline):
    model = Rule
    form = RuleAdminForm
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
    form = RuleAdminForm
    list_display = ["slug", "ruleset", "kind", "target", "priority"]
    list_filter = ["ruleset", "kind"]
    search_fields = ["slug", "target", "rationale"]
