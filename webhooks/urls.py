from django.urls import path

from webhooks import views

urlpatterns = [
    path("", views.endpoint_list, name="webhook-list"),
    path("<int:pk>/", views.endpoint_detail, name="webhook-detail"),
    path("<int:pk>/rotate/", views.endpoint_rotate, name="webhook-rotate"),
    path("<int:pk>/test/", views.endpoint_test, name="webhook-test"),
    path("<int:pk>/delete/", views.endpoint_delete_view, name="webhook-delete"),
    path(
        "<int:pk>/deliveries/<int:delivery_id>/retry/",
        views.delivery_retry_view,
        name="webhook-delivery-retry",
    ),
]
