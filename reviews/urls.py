"""HR's review cycles."""

from django.urls import path, re_path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.cycle_list, name="cycles"),
    path("open/", views.cycle_open, name="cycle_open"),
    path("opening/<int:pk>/", views.cycle_job, name="cycle_job"),
    path("<int:pk>/", views.cycle, name="cycle"),
    path("<int:pk>/close/", views.cycle_close, name="cycle_close"),
    re_path(
        r"^(?P<pk>[0-9]+)/summary\.(?P<fmt>csv|xlsx)$", views.cycle_download, name="cycle_download"
    ),
]
