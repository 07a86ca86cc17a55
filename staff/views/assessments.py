"""An assessment's pages and its workflow steps, and HR's queue of approvals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.access import is_hr
from roles.models import Level
from roles.requirement_groups import names_levels
from staff import progression
from staff.forms import (
    ApproveForm,
    AssessmentForm,
    ReplyForm,
    ReturnForm,
    StartForm,
    item_groups,
)
from staff.models import Assessment, AssessmentItem, Evidence, SelfRating, StaffProfile
from staff.standing import level_in_force, standing_of
from staff.summaries import summaries_for

PAGE_SIZE = 25


@login_required
def assessment_start(request, pk):
    person = get_object_or_404(StaffProfile.objects.visible_to(request.user).with_role(), pk=pk)
    if not progression.may_assess(request.user, person):
        raise PermissionDenied("Only a manager of this person may assess them.")
    current = level_in_force(person)
    if current is None:
        messages.error(request, f"{person.name} has no level yet; HR records it first.")
        return redirect("staff:person", pk=person.pk)
    levels = Level.objects.filter(role_id=current.role_id, order__gte=current.order)
    form = StartForm(
        request.POST or None,
        levels=levels,
        initial={"target_level": progression.default_target_level(person)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            started = progression.assessment_start(
                staff=person, by=request.user, target_level=form.cleaned_data["target_level"]
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, "Assessment started: rate each item, then submit it.")
            return redirect("staff:assessment", pk=started.pk)
    return render(request, "staff/assessment_start.html", {"person": person, "form": form})


def _visible_assessment(request, pk) -> Assessment:
    return get_object_or_404(
        Assessment.objects.visible_to(request.user)
        .with_people()
        .prefetch_related(
            # Each item's group gives the form its lead-in, share of time and rule.
            Prefetch("items", queryset=AssessmentItem.objects.select_related("requirement__group"))
        ),
        pk=pk,
    )


def _save_from(request, assessment: Assessment, form: AssessmentForm) -> bool:
    """Apply a valid form through the workflow; a refusal lands on the form, which keeps
    what was typed."""
    if not form.is_valid():
        return False
    try:
        progression.assessment_save(
            assessment=assessment,
            by=request.user,
            version=form.cleaned_data["version"],
            ratings=form.ratings(),
            comments=form.comments(),
            recommendation=form.cleaned_data["recommendation"],
            summary=form.cleaned_data["summary"],
            evidence=form.new_evidence(),
        )
    except ValidationError as refused:
        form.add_error(None, refused)
        return False
    return True


@login_required
def assessment(request, pk):
    """The assessment: the manager's form while it is theirs to edit, otherwise the record,
    with the employee's reply or HR's decision where it is theirs to give."""
    assessment = _visible_assessment(request, pk)
    items = list(assessment.items.all())
    form = None
    if progression.may_assess(request.user, assessment.staff):
        if request.method == "POST":
            form = AssessmentForm(request.POST, assessment=assessment, items=items)
            if _save_from(request, assessment, form):
                messages.success(request, "Saved as a draft.")
                return redirect("staff:assessment", pk=assessment.pk)
        elif assessment.is_editable:
            form = AssessmentForm(assessment=assessment, items=items)
    elif request.method == "POST":
        raise PermissionDenied("Only a manager of this person may change the assessment.")
    return _render_assessment(request, assessment, items, form=form)


def _render_assessment(request, assessment, items, *, form=None, **bound_forms):
    """The assessment page; `bound_forms` are step forms that were refused, kept as typed."""
    requirement_ids = [item.requirement_id for item in items if item.requirement_id]
    self_ratings = {
        rating.requirement_id: rating
        for rating in SelfRating.objects.filter(
            staff=assessment.staff, requirement__in=requirement_ids
        )
    }
    evidence = {}
    for link in (
        Evidence.requirements.through.objects.filter(
            evidence__staff=assessment.staff, requirementitem__in=requirement_ids
        )
        .select_related("evidence__added_by")
        .order_by("evidence__added_at", "evidence_id")
    ):
        evidence.setdefault(link.requirementitem_id, []).append(link.evidence)
    may_decide = progression.may_decide(request.user, assessment)
    standing = standing_of(assessment.staff)
    events = assessment.events.select_related("actor")
    if assessment.staff.user_id == request.user.pk:
        # What passed between HR and the manager while it was returned is not the person's.
        events = events.exclude(to_status=Assessment.Status.RETURNED)
    return render(
        request,
        "staff/assessment.html",
        {
            "assessment": assessment,
            "form": form,
            "groups": item_groups(
                items,
                self_ratings=self_ratings,
                evidence=evidence,
                name_level=names_levels(assessment.target_level.role),
                form=form,
            ),
            "standing": standing,
            "readiness": standing.readiness_for(assessment.target_level),
            "rule": progression.rule_in_words(assessment.target_level),
            "events": events,
            "may_respond": progression.may_respond(request.user, assessment),
            "may_approve": may_decide and assessment.status == Assessment.Status.ACKNOWLEDGED,
            "may_return": may_decide,
            "reply_form": ReplyForm(initial={"comment": assessment.employee_comment}),
            "approve_form": ApproveForm(),
            "return_form": ReturnForm(),
            **bound_forms,
        },
    )


@login_required
@require_POST
def assessment_submit(request, pk):
    """Save what the manager typed, then hand it to the employee if every item is rated."""
    assessment = _visible_assessment(request, pk)
    if not progression.may_assess(request.user, assessment.staff):
        raise PermissionDenied("Only a manager of this person may submit the assessment.")
    items = list(assessment.items.all())
    form = AssessmentForm(request.POST, assessment=assessment, items=items)
    if not _save_from(request, assessment, form):
        return _render_assessment(request, assessment, items, form=form)
    try:
        progression.assessment_submit(assessment=assessment, by=request.user)
    except ValidationError as refused:
        messages.error(request, f"Saved as a draft, not submitted. {' '.join(refused.messages)}")
    else:
        messages.success(request, f"Submitted: {assessment.staff.name} has been told by email.")
    return redirect("staff:assessment", pk=assessment.pk)


def _workflow_step(request, pk, step, form_class, *, success):
    """Run one of the employee's or HR's steps from its form; a refusal keeps what was typed."""
    assessment = _visible_assessment(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            step(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, success)
            return redirect("staff:assessment", pk=assessment.pk)
    slot = {ReplyForm: "reply_form", ApproveForm: "approve_form", ReturnForm: "return_form"}
    return _render_assessment(
        request, assessment, list(assessment.items.all()), **{slot[form_class]: form}
    )


@login_required
@require_POST
def assessment_comment(request, pk):
    return _workflow_step(
        request, pk, progression.assessment_comment, ReplyForm, success="Comment saved."
    )


@login_required
@require_POST
def assessment_acknowledge(request, pk):
    return _workflow_step(
        request,
        pk,
        progression.assessment_acknowledge,
        ReplyForm,
        success="Acknowledged: HR will now decide on it.",
    )


@login_required
@require_POST
def assessment_approve(request, pk):
    return _workflow_step(
        request, pk, progression.assessment_approve, ApproveForm, success="Approved."
    )


@login_required
@require_POST
def assessment_return(request, pk):
    return _workflow_step(
        request,
        pk,
        progression.assessment_return,
        ReturnForm,
        success="Returned to the manager with your reason.",
    )


@login_required
def approvals(request):
    """HR's queue: assessments the employee has acknowledged, then those awaiting them."""
    if not is_hr(request.user):
        raise PermissionDenied("Approvals are for HR.")
    waiting = (
        Assessment.objects.visible_to(request.user)
        .filter(status__in=[Assessment.Status.ACKNOWLEDGED, Assessment.Status.SUBMITTED])
        .with_people()
        .order_by("status", "updated_at")
    )
    # "acknowledged" sorts before "submitted": what HR can decide now comes first.
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    summaries = summaries_for({a.staff_id: a.staff for a in page}.values())
    for waiting_one in page:
        waiting_one.standing = summaries[waiting_one.staff_id]
    return render(request, "staff/approvals.html", {"page_obj": page, "assessments": page})
