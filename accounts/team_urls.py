from django.urls import path

from accounts import team_views as views

urlpatterns = [
    path("", views.team_list_view, name="team-list"),
    path("<slug:slug>/", views.team_detail, name="team-detail"),
    path("<slug:slug>/rename/", views.team_rename_view, name="team-rename"),
    path("<slug:slug>/delete/", views.team_delete_view, name="team-delete"),
    path("<slug:slug>/members/", views.team_member_add_view, name="team-member-add"),
    path(
        "<slug:slug>/members/<int:user_id>/remove/",
        views.team_member_remove_view,
        name="team-member-remove",
    ),
]
