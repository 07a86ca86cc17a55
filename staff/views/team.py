"""A line manager's pages: where each person lands, their team, and one person's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render

from core.access import is_hr
from roles.models import Level
from staff import progression
from staff.filters import TeamFilter
from staff.models import Assessment, AssessmentItem, StaffProfile

PAGE_SIZE = 25


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
    latest = Assessment.objects.filter(staff=OuterRef("pk")).order_by("-created_at", "-pk")
    people = people.with_role().annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
    )
    found = TeamFilter(request.GET, people)
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/team.html",
        {
            "page_obj": page,
            "rows": _team_rows(page.object_list),
            "everyone": everyone,
            "filter": found,
            "sort_links": found.sort_links(),
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
