from django.urls import path

from roles import path_urls, views

app_name = "roles"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.role_detail, name="detail"),
]
urlpatterns += path_urls.urlpatterns
