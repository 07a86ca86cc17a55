"""The employee's own pages: my profile, rating myself, my evidence, my requirements in print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.pdf import pdf_download
from staff import printing, self_assessment
from staff.forms import RATING_FIELD_PREFIX, EvidenceForm, SelfAssessmentForm
from staff.models import StaffProfile
from staff.standing import shown_assessments, standing_of, standing_version


def _my_profile(request) -> StaffProfile:
    """The signed-in person's own staff profile; people without one have no such pages."""
    return get_object_or_404(
        StaffProfile.objects.visible_to(request.user).with_role(), user=request.user
    )


def _ids_or_404(values, allowed: set[int]) -> list[int]:
    """Requirement ids sent by the browser; any id that is not one of the person's own
    requirements is simply not found, as someone else's record would be."""
    try:
        ids = [int(value) for value in values]
    except ValueError:
        raise Http404("No such requirement.") from None
    if not set(ids) <= allowed:
        raise Http404("No such requirement.")
    return ids


@login_required
def my_profile(request):
    profile = _my_profile(request)
    return render(
        request,
        "staff/employee/my_profile.html",
        {
            "profile": profile,
            "standing": standing_of(profile),
            "level_changes": profile.level_changes.select_related("from_level", "to_level"),
            "assessments": shown_assessments(profile),
        },
    )


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment_page(request):
    profile = _my_profile(request)
    standing = standing_of(profile)
    entries = standing.all_items
    if request.method == "POST":
        _ids_or_404(
            (
                name.removeprefix(RATING_FIELD_PREFIX)
                for name in request.POST
                if name.startswith(RATING_FIELD_PREFIX)
            ),
            {entry.item.pk for entry in entries},
        )
        # Items not sent, or sent blank, are left as they were: the page's script saves
        # each choice on its own as it is made, without touching the others.
        form = SelfAssessmentForm(request.POST, entries=entries)
        if form.is_valid():
            try:
                saved = self_assessment.self_rating_set(staff=profile, ratings=form.ratings())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if _wants_json(request):
                    return JsonResponse({"saved": len(saved)})
                messages.success(request, f"Saved {len(saved)} rating{'s' * (len(saved) != 1)}.")
                return redirect("staff:self_assessment")
        if _wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    else:
        form = SelfAssessmentForm(entries=entries)
    return render(
        request,
        "staff/employee/self_assessment.html",
        {
            "profile": profile,
            "standing": standing,
            "form": form,
            "evidence_form": EvidenceForm(
                requirements=self_assessment.requirements_to_self_assess(profile)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request):
    profile = _my_profile(request)
    requirements = self_assessment.requirements_to_self_assess(profile)
    allowed = set(requirements.values_list("pk", flat=True))
    if request.method == "POST":
        _ids_or_404(request.POST.getlist("requirements"), allowed)
        form = EvidenceForm(request.POST, requirements=requirements)
        if form.is_valid():
            try:
                self_assessment.evidence_add(
                    staff=profile,
                    added_by=request.user,
                    text=form.cleaned_data["text"],
                    link=form.cleaned_data["link"],
                    requirements=form.cleaned_data["requirements"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your evidence was added.")
                return redirect("staff:self_assessment")
    else:
        chosen = _ids_or_404(request.GET.getlist("requirement"), allowed)
        form = EvidenceForm(initial={"requirements": chosen}, requirements=requirements)
    return render(request, "staff/employee/evidence_add.html", {"profile": profile, "form": form})


@login_required
def my_print(request):
    return render(request, printing.TEMPLATE, printing.print_context(_my_profile(request)))


@login_required
@require_http_methods(["GET", "POST"])  # POST: "Try again" after a failed PDF
def my_pdf(request):
    profile = _my_profile(request)
    return pdf_download(
        request,
        kind="person",
        pk=profile.pk,
        version=standing_version(profile),
        name=f"{profile.name} requirements",
    )
