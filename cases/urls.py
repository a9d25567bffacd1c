from django.urls import path

import cases.views as views

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("export.csv", views.case_export_csv, name="case-export-csv"),
    path("export.json", views.case_export_json, name="case-export-json"),
    path("new/", views.case_new, name="case-new"),
    path("<slug:slug>/", views.case_detail, name="case-detail"),
    path("<slug:slug>/edit/", views.case_edit, name="case-edit"),
]
