"""The role pages every signed-in reader sees (visible roles only): the catalogue, a role
profile, career paths (levels and roles compared, a job family's path), print and PDF."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from core.access import is_hr
from core.pdf import pdf_download
from roles import career_paths, printing
from roles.filters import CatalogueFilter
from roles.forms import LevelPairForm
from roles.levels_grid import levels_grid
from roles.models import JobFamily, Role
from roles.required_competencies import required_competencies

ROLES_PER_PAGE = 20


@login_required
def catalogue(request):
    found = CatalogueFilter(request.GET, Role.objects.visible_to(request.user).for_catalogue())
    roles = found.qs
    page = Paginator(roles, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "roles/catalogue.html",
        {
            "form": found.form,
            "page_obj": page,
            "roles": page.object_list,
            "query_string": params.urlencode(),
        },
    )


@login_required
def role_detail(request, pk):
    role = get_object_or_404(Role.objects.visible_to(request.user).for_catalogue(), pk=pk)
    return render(
        request,
        "roles/role_detail.html",
        {
            "role": role,
            # Read only when the cached profile (keyed on the role's version) is missing.
            "responsibilities": role.responsibilities.all(),
            "competencies": SimpleLazyObject(lambda: required_competencies(role)),
            "grid": SimpleLazyObject(lambda: levels_grid(role)),
            "profile_seconds": Role.KEPT_PER_VERSION_SECONDS,
            "can_edit": is_hr(request.user),
        },
    )


def _pk(value) -> int:
    """A primary key from the query string; anything else is simply not found."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("No such record.") from None


@login_required
def compare_levels(request, pk):
    role = get_object_or_404(Role.objects.visible_to(request.user).for_catalogue(), pk=pk)
    levels = list(role.levels.select_related("grade").order_by("order"))
    comparison = None  # a role with a single level has nothing to compare
    if len(levels) > 1:
        by_pk = {level.pk: level for level in levels}
        lower = by_pk.get(_pk(request.GET.get("lower", levels[0].pk)))
        higher = by_pk.get(_pk(request.GET.get("higher", levels[1].pk)))
        if lower is None or higher is None:
            raise Http404("That level is not one of this role's levels.")
        for level in (lower, higher):
            level.role = role  # already read, with its grade: the comparison shows grades
        comparison = career_paths.compare_levels(lower=lower, higher=higher)
    form = LevelPairForm(
        initial={
            "lower": comparison and comparison.lower,
            "higher": comparison and comparison.higher,
        },
        levels=role.levels.order_by("order"),
    )
    return render(
        request,
        "roles/paths/compare_levels.html",
        {"role": role, "comparison": comparison, "form": form},
    )


@login_required
def compare_roles(request):
    """Two roles side by side. Each is chosen by searching the catalogue (a page of 20
    matches), not from a list of every role: the page grows with what it shows."""
    visible = Role.objects.visible_to(request.user).for_catalogue()
    first = second = rows = None
    if request.GET.get("first"):
        first = get_object_or_404(visible, pk=_pk(request.GET["first"]))
    if first and request.GET.get("second"):
        second = get_object_or_404(visible, pk=_pk(request.GET["second"]))
        rows = career_paths.compare_roles(first=first, second=second)
    found = CatalogueFilter(request.GET, visible.exclude(pk=first.pk) if first else visible)
    page = Paginator(found.qs, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "roles/paths/compare_roles.html",
        {
            "first": first,
            "second": second,
            "rows": rows,
            "form": found.form,
            "page_obj": page,
            "choices": page.object_list,
            "query_string": params.urlencode(),
        },
    )


@login_required
def family_path(request, pk):
    visible = Role.objects.visible_to(request.user)
    family = get_object_or_404(JobFamily.objects.filter(roles__in=visible).distinct(), pk=pk)
    roles = career_paths.family_path(family, visible)
    return render(
        request,
        "roles/paths/family_path.html",
        {"family": family, "roles": roles, "profile_seconds": Role.KEPT_PER_VERSION_SECONDS},
    )


@login_required
def role_print(request, pk):
    role = get_object_or_404(Role.objects.visible_to(request.user).for_catalogue(), pk=pk)
    return render(request, printing.TEMPLATE, printing.print_context(role))


@login_required
@require_http_methods(["GET", "POST"])  # POST: "Try again" after a failed PDF
def role_pdf(request, pk):
    role = get_object_or_404(Role.objects.visible_to(request.user), pk=pk)
    return pdf_download(
        request, kind="role", pk=role.pk, version=printing.pdf_version(role), name=role.title
    )
