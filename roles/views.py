"""The role catalogue: published role profiles for everyone signed in."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from roles.models import Role


@login_required
def catalogue(request):
    roles = Role.objects.visible_to(request.user).for_catalogue()
    page = Paginator(roles, 20).get_page(request.GET.get("page"))
    return render(request, "roles/catalogue.html", {"page_obj": page, "roles": page.object_list})


@login_required
def role_detail(request, pk):
    role = get_object_or_404(Role.objects.visible_to(request.user).for_catalogue(), pk=pk)
    return render(request, "roles/role_detail.html", {"role": role})
