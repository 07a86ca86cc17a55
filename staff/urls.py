from django.urls import path  # noqa: F401

from staff import employee_urls

app_name = "staff"

urlpatterns = []
urlpatterns += employee_urls.urlpatterns
