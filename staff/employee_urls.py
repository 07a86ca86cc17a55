"""URLs of the employee's own pages, included into the staff namespace."""

from django.urls import path

from staff import employee_views

urlpatterns = [
    path("me/", employee_views.my_profile, name="my_profile"),
    path("me/self-assessment/", employee_views.self_assessment_page, name="self_assessment"),
    path("me/evidence/add/", employee_views.evidence_add, name="evidence_add"),
    path("me/print/", employee_views.my_print, name="my_print"),
    path("me/pdf/", employee_views.my_pdf, name="my_pdf"),
]
