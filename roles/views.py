"""The role catalogue and role profile pages, for everyone signed in."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from roles.access import is_hr
from roles.forms import CatalogueFilterForm
from roles.html import sanitise_html
from roles.models import Role
from roles.profiles import levels_grid

ROLES_PER_PAGE = 20


@login_required
def catalogue(request):
    form = CatalogueFilterForm(request.GET)
    roles = form.filter(Role.objects.visible_to(request.user).for_catalogue())
    page = Paginator(roles, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "roles/catalogue.html",
        {
            "form": form,
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
            # Saving sanitises duties, but bulk writes skip save(): never trust what is stored.
            "duties_html": sanitise_html(role.duties_html),
            "responsibilities": role.responsibilities.all(),
            "competencies": role.role_competencies.select_related(
                "competency__framework", "proficiency"
            ),
            "grid": levels_grid(role),
            "can_edit": is_hr(request.user),
        },
    )
