from django.urls import path

from interview import views

app_name = "interview"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
