from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.role_detail, name="detail"),
    path("compare/", views.compare_roles, name="compare_roles"),
    path("families/<int:pk>/", views.family_path, name="family_path"),
    path("<int:pk>/levels/compare/", views.compare_levels, name="compare_levels"),
    path("<int:pk>/print/", views.role_print, name="print"),
    path("<int:pk>/pdf/", views.role_pdf, name="pdf"),
]
