"""The site's URLs: each app's pages, HR's admin, and sign-in."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views
from core.accounts import PasswordResetForm
from reviews import views as reviews_views
from staff.views.sign_in import SignInView

urlpatterns = [
    path("", reviews_views.home, name="home"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # For load balancers and monitors: no sign-in, no personal data.
    path("health/", core_views.health, name="health"),
    path("jobs/<int:pk>/progress.json", core_views.job_progress, name="job_progress"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("roles/", include("roles.urls")),
    path("frameworks/", include("competencies.urls")),
    path("staff/", include("staff.urls")),
    path("reviews/", include("reviews.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("admin/", admin.site.urls),
    # Scripts that let HR edit a role's levels and their items on one admin page.
    path("_nested_admin/", include("nested_admin.urls")),
]

admin.site.site_header = "Role Profiles: HR workspace"
admin.site.site_title = "Role Profiles HR"
admin.site.index_title = "Role profiles, staff and frameworks"
