from django.urls import path

import catalogue.views as views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("phases/", views.phase_list, name="catalogue-phases"),
    path("phases/<slug:slug>/", views.phase_detail, name="catalogue-phase"),
    path("roles/", views.role_list, name="catalogue-roles"),
    path("roles/<slug:slug>/", views.role_detail, name="catalogue-role"),
    path("mission-models/", views.mission_model_list, name="catalogue-mission-models"),
    path("mission-models/<slug:slug>/", views.mission_model_detail, name="catalogue-mission-model"),
    path("organizations/", views.organization_list, name="catalogue-organizations"),
    path("organizations/<slug:slug>/", views.organization_detail, name="catalogue-organization"),
    path("missions/", views.mission_list, name="catalogue-missions"),
    path("missions/<slug:slug>/", views.mission_detail, name="catalogue-mission"),
    path("council-tools/", views.council_tool_list, name="catalogue-council-tools"),
    path("council-tools/<slug:slug>/", views.council_tool_detail, name="catalogue-council-tool"),
    path("caveats/", views.caveat_list, name="catalogue-caveats"),
    path("caveats/<slug:slug>/", views.caveat_detail, name="catalogue-caveat"),
    path("sources/", views.source_list, name="catalogue-sources"),
    path("sources/<slug:key>/", views.source_detail, name="catalogue-source"),
]
