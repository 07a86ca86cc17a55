"""The site's URLs: each app's pages, HR's admin, and sign-in."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from staff.views import team as staff_team
from staff.views.sign_in import SignInView

urlpatterns = [
    path("", staff_team.home, name="home"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("roles/", include("roles.urls")),
    path("staff/", include("staff.urls")),
    path("admin/", admin.site.urls),
    # Scripts that let HR edit a role's levels and their items on one admin page.
    path("_nested_admin/", include("nested_admin.urls")),
]

admin.site.site_header = "Role Profiles: HR workspace"
admin.site.site_title = "Role Profiles HR"
admin.site.index_title = "Role profiles, staff and frameworks"
