"""URLs of the career-path and print pages, included into the roles namespace."""

from django.urls import path

from roles import path_views

urlpatterns = [
    path("compare/", path_views.compare_roles, name="compare_roles"),
    path("families/<int:pk>/", path_views.family_path, name="family_path"),
    path("<int:pk>/levels/compare/", path_views.compare_levels, name="compare_levels"),
    path("<int:pk>/print/", path_views.role_print, name="print"),
    path("<int:pk>/pdf/", path_views.role_pdf, name="pdf"),
]
