from django.urls import path

from events import views

urlpatterns = [
    path("", views.event_list_view, name="event-list"),
    path("datasets/", views.dataset_list_view, name="event-dataset-list"),
    path("upload/", views.event_upload, name="event-upload"),
    path("countries/", views.mapping_list_view, name="country-mapping-list"),
    path("countries/<int:pk>/", views.mapping_edit, name="country-mapping-edit"),
]
