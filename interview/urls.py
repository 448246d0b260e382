from django.urls import path

from interview import export_views, history_views, views

app_name = "interview"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:return_id>/export.json", export_views.export_json, name="export_json"),
    path("<int:return_id>/history/", history_views.history, name="history"),
]
