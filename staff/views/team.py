"""A line manager's pages: where each person lands, their team, and one person's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render

from core.access import is_hr
from roles.models import Role
from staff import progression
from staff.models import Assessment, StaffProfile
from staff.standing import standing_of, standings_of

PAGE_SIZE = 25

# Role, level and since are those in force today (a scheduled change counts from its date).
TEAM_SORTS = {
    "name": ("user__last_name", "user__first_name"),
    "role": ("level_now_role_title", "user__last_name"),
    "level": ("level_now_role_title", "level_now_order", "user__last_name"),
    "since": ("level_now_since", "user__last_name"),
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
    people = people.with_level_in_force()
    roles = Role.objects.filter(pk__in=people.values("level_now_role_id")).order_by("title")
    latest = Assessment.objects.filter(staff=OuterRef("pk")).order_by("-created_at", "-pk")
    people = people.with_role().annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
    )
    role_id = request.GET.get("role", "")
    if role_id.isdigit():
        people = people.filter(level_now_role_id=role_id)
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
    """Each person with their standing, from the one computation, for everyone at once."""
    people = list(people)
    standings = standings_of(people)
    latest = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=[p.latest_id for p in people if p.latest_id])
    }
    return [
        {
            "person": person,
            "standing": standings[person.pk],
            "next_level": standings[person.pk].next_level,
            "readiness": standings[person.pk].towards_next,
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
