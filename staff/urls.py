"""Pages for line managers, each assessment's workflow, HR's approvals and the employee's own."""

from django.urls import path

from staff.views import assessments, my_profile, team

app_name = "staff"

urlpatterns = [
    path("team/", team.team, name="team"),
    path("people/<int:pk>/", team.person, name="person"),
    path("people/<int:pk>/assess/", assessments.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", assessments.assessment, name="assessment"),
    path("assessments/<int:pk>/submit/", assessments.assessment_submit, name="assessment_submit"),
    path(
        "assessments/<int:pk>/comment/",
        assessments.assessment_comment,
        name="assessment_comment",
    ),
    path(
        "assessments/<int:pk>/acknowledge/",
        assessments.assessment_acknowledge,
        name="assessment_acknowledge",
    ),
    path(
        "assessments/<int:pk>/approve/",
        assessments.assessment_approve,
        name="assessment_approve",
    ),
    path("assessments/<int:pk>/return/", assessments.assessment_return, name="assessment_return"),
    path("approvals/", assessments.approvals, name="approvals"),
    path("me/", my_profile.my_profile, name="my_profile"),
    path("me/self-assessment/", my_profile.self_assessment_page, name="self_assessment"),
    path("me/evidence/add/", my_profile.evidence_add, name="evidence_add"),
    path("me/print/", my_profile.my_print, name="my_print"),
    path("me/pdf/", my_profile.my_pdf, name="my_pdf"),
]
