from django.urls import path

import recommendations.rulesets.views as views

urlpatterns = [
    path("", views.ruleset_list_view, name="ruleset-list"),
    path("new/", views.ruleset_draft_new, name="ruleset-draft"),
    path("<int:version>/", views.ruleset_detail, name="ruleset-detail"),
    path("<int:version>/edit/", views.ruleset_edit, name="ruleset-edit"),
    path("<int:version>/delete/", views.ruleset_delete_view, name="ruleset-delete"),
    path("<int:version>/dry-run/", views.ruleset_dry_run, name="ruleset-dry-run"),
    path("<int:version>/activate/", views.ruleset_activate_view, name="ruleset-activate"),
    path("<int:version>/rules/new/", views.rule_new, name="rule-new"),
    path("<int:version>/rules/<int:pk>/", views.rule_edit, name="rule-edit"),
    path("<int:version>/rules/<int:pk>/delete/", views.rule_delete_view, name="rule-delete"),
]
