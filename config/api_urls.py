from django.urls import path

from recommendations import api as recommendations_api

urlpatterns = [
    path(
        "assessments/",
        recommendations_api.AssessmentListCreate.as_view(),
        name="assessment-list",
    ),
    path(
        "assessments/<int:pk>/",
        recommendations_api.AssessmentDetail.as_view(),
        name="assessment-detail",
    ),
]
