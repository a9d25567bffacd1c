from django.urls import path

import recommendations.assessments.views as views
import recommendations.imports.views as import_views

urlpatterns = [
    path("", views.situation_list_view, name="situation-list"),
    path("new/", views.assessment_new, name="assessment-new"),
    path("watchlist/", views.watchlist_view, name="watchlist"),
    path("watchlist.csv", views.watchlist_csv_view, name="watchlist-csv"),
    path("import/", import_views.import_new, name="import-new"),
    path("import/template.csv", import_views.import_template, name="import-template"),
    path("reevaluate/", views.reevaluate, name="situations-reevaluate"),
    path("<int:pk>/", views.situation_detail, name="situation-detail"),
    path("<int:pk>/compare/", views.situation_compare, name="situation-compare"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/briefing/", views.assessment_briefing, name="assessment-briefing"),
    path(
        "assessments/<int:pk>/briefing.md",
        views.assessment_markdown,
        name="assessment-markdown",
    ),
    path("assessments/<int:pk>/briefing.docx", views.assessment_docx, name="assessment-docx"),
]
