from django.urls import path

from recommendations.taskruns import views as task_views

urlpatterns = [
    path("", task_views.task_list_view, name="task-list"),
    path("<uuid:pk>/", task_views.task_detail, name="task-detail"),
    path("<uuid:pk>/rows.csv", task_views.task_rows_csv, name="task-rows-csv"),
    path("<uuid:pk>/resume/", task_views.task_resume, name="task-resume"),
]
