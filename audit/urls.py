from django.urls import path

import audit.views as views

urlpatterns = [path("", views.audit_log, name="audit-log")]
