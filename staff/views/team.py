"""A line manager's pages: their team, and one person's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from staff import progression
from staff.filters import TeamFilter
from staff.models import Assessment, StaffProfile, profile_of
from staff.standing import standing_of
from staff.summaries import summaries_for

PAGE_SIZE = 25


@login_required
def team(request):
    """A manager's direct reports (or everyone below them), where each stands, sortable,
    filterable and paginated, in the same number of queries however big the team."""
    manager = profile_of(request.user)
    if manager is None or not manager.direct_reports.exists():
        raise PermissionDenied("The team page is for line managers.")
    everyone = request.GET.get("everyone") == "1"
    people = StaffProfile.objects.below(manager) if everyone else manager.direct_reports.all()
    people = people.with_level_in_force()
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
    """Each person with their standing's stored summary (written from the one computation),
    brought up to date first, for everyone on the page at once."""
    people = list(people)
    summaries = summaries_for(people)
    latest = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=[p.latest_id for p in people if p.latest_id])
    }
    return [
        {
            "person": person,
            "standing": summaries[person.pk],
            "next_level": summaries[person.pk].next_level,
            "readiness": summaries[person.pk].towards_next,
            "assessment": latest.get(person.latest_id),
        }
        for person in people
    ]


@login_required
def person(request, pk):
    """A person's profile, level history, assessments, and their standing: the requirements
    of their level in force and the next one, each with its current rating."""
    person = get_object_or_404(StaffProfile.objects.visible_to(request.user).with_role(), pk=pk)
    assessments = list(
        Assessment.objects.visible_to(request.user)
        .filter(staff=person)
        .select_related("target_level", "assessor")
    )
    history = person.level_changes.select_related(
        "from_level", "to_level", "assessment", "recorded_by"
    )
    return render(
        request,
        "staff/person.html",
        {
            "person": person,
            "standing": standing_of(person),
            "assessments": assessments,
            "history": history,
            "manager_changes": person.line_manager_changes.select_related(
                "from_manager__user", "to_manager__user", "changed_by"
            ),
            "may_assess": progression.may_assess(request.user, person),
            "open_assessment": next((a for a in assessments if a.status in Assessment.OPEN), None),
        },
    )
