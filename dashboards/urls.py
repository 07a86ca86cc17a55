"""HR's dashboard and the managers' team at a glance."""

from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("hr/", views.hr_dashboard, name="hr"),
    path("team/", views.team_map_page, name="team_map"),
    path("team/<int:pk>/<str:group>/", views.team_map_cell, name="team_map_cell"),
]
