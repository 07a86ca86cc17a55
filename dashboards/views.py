"""HR's dashboard and a manager's team at a glance."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.access import is_hr
from core.spreadsheets import DOWNLOAD_FORMATS, table_download
from dashboards import figures, team_map
from dashboards.filters import DashboardFilter
from staff.models import StaffProfile
from staff.standing import standing_of, summaries_of
from staff.summaries import bring_up_to_date

PAGE_SIZE = 25


def _download_format(request) -> str:
    fmt = request.GET.get("format", "")
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404(f"Downloads are {' or '.join(DOWNLOAD_FORMATS)}, not “{fmt}”.")
    return fmt


@login_required
def hr_dashboard(request):
    """Every figure for the people the filters choose; `?download=<figure>&format=csv`
    downloads that figure's table."""
    if not is_hr(request.user):
        raise PermissionDenied("The dashboard is for HR.")
    behind = bring_up_to_date()
    found = DashboardFilter(request.GET, figures.people_in_view())
    board = figures.dashboard(found.qs, roles_in_view=found.roles(), months=found.months_value)
    wanted = request.GET.get("download")
    if wanted:
        figure = next((f for f in board.figures if f.key == wanted), None)
        if figure is None:
            raise Http404(f"The dashboard has no figure “{wanted}”.")
        return table_download(
            headers=figure.headers,
            rows=figure.rows,
            fmt=_download_format(request),
            filename=f"dashboard-{figure.key}",
        )
    query = request.GET.copy()
    for key in ("download", "format"):
        query.pop(key, None)
    return render(
        request,
        "dashboards/hr.html",
        {
            "filter": found,
            "board": board,
            "behind": behind,
            "query_string": query.urlencode(),
        },
    )


def _my_team(request) -> tuple[StaffProfile, bool, list[StaffProfile]]:
    manager = StaffProfile.objects.filter(user=request.user).first()
    if manager is None or not manager.direct_reports.exists():
        raise PermissionDenied("The team at a glance is for line managers.")
    everyone = request.GET.get("everyone") == "1"
    people = StaffProfile.objects.below(manager) if everyone else manager.direct_reports.all()
    return manager, everyone, list(people.select_related("user", "line_manager__user"))


@login_required
def team_map_page(request):
    """The heat map of the manager's direct reports (everyone below with `?everyone=1`),
    readiest first; `?format=csv` downloads it."""
    _, everyone, people = _my_team(request)
    columns, rows = team_map.team_map(people, summaries_of(people, own_ratings=True))
    if "format" in request.GET:
        return table_download(
            headers=["Name", "Role", "Level", "Next level", "Readiness", *(h for _, h in columns)],
            rows=[
                [
                    row.person.name,
                    row.standing.level.role.title if row.standing.level else "",
                    row.standing.level.code if row.standing.level else "",
                    row.standing.next_level.code if row.standing.next_level else "",
                    row.standing.verdict,
                    *(row.cells[key].words() if key in row.cells else "" for key, _ in columns),
                ]
                for row in rows
            ],
            fmt=_download_format(request),
            filename="team-at-a-glance",
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    grid = [(row, [(key, row.cells.get(key)) for key, _ in columns]) for row in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboards/team_map.html",
        {
            "columns": columns,
            "grid": grid,
            "page_obj": page,
            "everyone": everyone,
            "query_string": query.urlencode(),
            "states": team_map.STATE_LABELS,
        },
    )


@login_required
def team_map_cell(request, pk, group):
    """The items behind one cell: their current rating, the person's own and the evidence.
    For managers above the person and HR; nobody else finds it."""
    person = get_object_or_404(StaffProfile.objects.visible_to(request.user), pk=pk)
    if person.user_id == request.user.pk:
        raise Http404("Your own standing is on your profile.")
    standing = standing_of(person)
    cell = team_map.cell_of(standing, group)
    if cell is None:
        raise Http404(f"{person.name}'s next level has no such group of items.")
    return render(
        request,
        "dashboards/team_map_cell.html",
        {"person": person, "standing": standing, "cell": cell},
    )
