from django.urls import path

from competencies import views

app_name = "competencies"

urlpatterns = [
    path("<int:pk>/", views.framework_detail, name="framework"),
]
