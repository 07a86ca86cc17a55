"""Pages for line managers (their team, a person, an assessment), employees and HR's approvals.

Every object is fetched through a `visible_to` QuerySet, so someone else's id is simply not
found (404); the workflow functions then say whether this person may take this step (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from roles.access import is_hr
from roles.models import Level, Role
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

PAGE_SIZE = 25

TEAM_SORTS = {
    "name": ("user__last_name", "user__first_name"),
    "role": ("level__role__title", "user__last_name"),
    "level": ("level__role__title", "level__order", "user__last_name"),
    "since": ("level_reached_on", "user__last_name"),
    "status": ("latest_status", "user__last_name"),
}


@login_required
def home(request):
    """Send each kind of user where they belong."""
    if is_hr(request.user):
        return redirect("staff:approvals")
    if StaffProfile.objects.filter(line_manager__user=request.user).exists():
        return redirect("staff:team")
    if StaffProfile.objects.filter(user=request.user).exists():
        return redirect("staff:my_profile")
    return redirect("roles:catalogue")


@login_required
def team(request):
    """A manager's direct reports (or everyone below them), where each stands, sortable,
    filterable and paginated, in the same number of queries however big the team."""
    manager = StaffProfile.objects.filter(user=request.user).first()
    if manager is None or not manager.direct_reports.exists():
        raise PermissionDenied("The team page is for line managers.")
    everyone = request.GET.get("everyone") == "1"
    people = StaffProfile.objects.below(manager) if everyone else manager.direct_reports.all()
    roles = Role.objects.filter(levels__staff__in=people).distinct().order_by("title")
    latest = Assessment.objects.filter(staff=OuterRef("pk")).order_by("-created_at", "-pk")
    people = people.with_role().annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
    )
    role_id = request.GET.get("role", "")
    if role_id.isdigit():
        people = people.filter(level__role_id=role_id)
    status = request.GET.get("status", "")
    if status == "none":
        people = people.filter(latest_status__isnull=True)
    elif status in Assessment.Status.values:
        people = people.filter(latest_status=status)
    sort = request.GET.get("sort", "name")
    fields = TEAM_SORTS.get(sort.removeprefix("-"), TEAM_SORTS["name"])
    if sort.startswith("-"):
        fields = tuple(f"-{name}" for name in fields)
    page = Paginator(people.order_by(*fields, "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _team_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    sort_links = {}
    for key in TEAM_SORTS:
        query["sort"] = f"-{key}" if sort == key else key
        sort_links[key] = query.urlencode()
    query["sort"] = sort
    return render(
        request,
        "staff/team.html",
        {
            "page_obj": page,
            "rows": rows,
            "everyone": everyone,
            "roles": roles,
            "statuses": Assessment.Status.choices,
            "role_id": role_id,
            "status": status,
            "sort": sort,
            "sort_links": sort_links,
            "query_string": query.urlencode(),
        },
    )


def _team_rows(people):
    """Each person with their next level and their latest assessment's readiness for it."""
    people = list(people)
    levels_by_role = {}
    for level in Level.objects.filter(role__in={p.level.role_id for p in people if p.level_id}):
        levels_by_role.setdefault(level.role_id, []).append(level)
    latest = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=[p.latest_id for p in people if p.latest_id])
        .select_related("target_level")
        .prefetch_related("items")
    }
    rows = []
    for person in people:
        next_level = None
        if person.level_id:
            above = [
                lv for lv in levels_by_role[person.level.role_id] if lv.order > person.level.order
            ]
            next_level = min(above, key=lambda lv: lv.order, default=None)
        assessment = latest.get(person.latest_id)
        standing = None
        if assessment is not None and next_level and assessment.target_level_id == next_level.pk:
            standing = progression.assessment_readiness(assessment)
        rows.append(
            {
                "person": person,
                "next_level": next_level,
                "assessment": assessment,
                "readiness": standing,
            }
        )
    return rows


@login_required
def person(request, pk):
    """A person's profile, level history, assessments, and the requirements of their current
    and next level with the latest rating of each."""
    person = get_object_or_404(StaffProfile.objects.visible_to(request.user).with_role(), pk=pk)
    assessments = list(
        Assessment.objects.visible_to(request.user)
        .filter(staff=person)
        .select_related("target_level", "assessor")
    )
    history = person.level_changes.select_related(
        "from_level", "to_level", "assessment", "recorded_by"
    )
    target = progression.default_target_level(person)
    requirements, standing = [], None
    if target is not None:
        requirements = list(target.requirements())
        latest = {}
        for item in (
            AssessmentItem.objects.filter(
                assessment__in=[a.pk for a in assessments],
                requirement__in=[r.pk for r in requirements],
            )
            .select_related("assessment")
            .order_by("requirement_id", "-assessment__created_at", "-assessment_id")
        ):
            latest.setdefault(item.requirement_id, item)
        for requirement in requirements:
            found = latest.get(requirement.pk)
            requirement.rating = found.rating if found else ""
            requirement.rating_label = found.get_rating_display() if found else "Not assessed"
        standing = progression.readiness(requirements, desirable_required=target.min_desirable_met)
    may_assess = progression.may_assess(request.user, person)
    return render(
        request,
        "staff/person.html",
        {
            "person": person,
            "assessments": assessments,
            "history": history,
            "target": target,
            "requirements": requirements,
            "readiness": standing,
            "rule": progression.rule_in_words(target) if target else "",
            "may_assess": may_assess,
            "open_assessment": next((a for a in assessments if a.status in Assessment.OPEN), None),
        },
    )


@login_required
def assessment_start(request, pk):
    person = get_object_or_404(StaffProfile.objects.visible_to(request.user).with_role(), pk=pk)
    if not progression.may_assess(request.user, person):
        raise PermissionDenied("Only a manager of this person may assess them.")
    if person.level is None:
        messages.error(request, f"{person.name} has no level yet; HR records it first.")
        return redirect("staff:person", pk=person.pk)
    levels = Level.objects.filter(role_id=person.level.role_id, order__gte=person.level.order)
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
        Assessment.objects.visible_to(request.user).with_people().prefetch_related("items"),
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
    return render(
        request,
        "staff/assessment.html",
        {
            "assessment": assessment,
            "form": form,
            "groups": item_groups(items, self_ratings=self_ratings, evidence=evidence, form=form),
            "readiness": progression.assessment_readiness(assessment),
            "rule": progression.rule_in_words(assessment.target_level),
            "events": assessment.events.select_related("actor"),
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
    return render(request, "staff/approvals.html", {"page_obj": page, "assessments": page})
