"""Pages for line managers, HR's approvals, and each assessment's workflow."""

from django.urls import path

from staff import employee_urls, views

app_name = "staff"

urlpatterns = [
    path("team/", views.team, name="team"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/assess/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/comment/", views.assessment_comment, name="assessment_comment"),
    path(
        "assessments/<int:pk>/acknowledge/",
        views.assessment_acknowledge,
        name="assessment_acknowledge",
    ),
    path("assessments/<int:pk>/approve/", views.assessment_approve, name="assessment_approve"),
    path("assessments/<int:pk>/return/", views.assessment_return, name="assessment_return"),
    path("approvals/", views.approvals, name="approvals"),
]
urlpatterns += employee_urls.urlpatterns
