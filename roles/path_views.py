"""Career paths and print pages for role profiles: every signed-in reader, visible roles only."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from roles import career_paths
from roles.models import JobFamily, Level, Role
from roles.pdf import pdf_response
from roles.profiles import levels_grid


def _pk(value) -> int:
    """A primary key from the query string; anything else is simply not found."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("No such record.") from None


class LevelPairForm(forms.Form):
    lower = forms.ModelChoiceField(queryset=Level.objects.none(), label="From", empty_label=None)
    higher = forms.ModelChoiceField(queryset=Level.objects.none(), label="To", empty_label=None)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lower"].queryset = self.fields["higher"].queryset = levels


class RolePairForm(forms.Form):
    first = forms.ModelChoiceField(queryset=Role.objects.none(), label="From role")
    second = forms.ModelChoiceField(queryset=Role.objects.none(), label="To role")

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = self.fields["second"].queryset = roles


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
    visible = Role.objects.visible_to(request.user).for_catalogue()
    first = second = rows = None
    if request.GET.get("first") and request.GET.get("second"):
        first = get_object_or_404(visible, pk=_pk(request.GET["first"]))
        second = get_object_or_404(visible, pk=_pk(request.GET["second"]))
        rows = career_paths.compare_roles(first=first, second=second)
    # Prefilled from the address, so a link can offer "compare my role with ..."
    form = RolePairForm(initial=request.GET.dict(), roles=visible)
    return render(
        request,
        "roles/paths/compare_roles.html",
        {"first": first, "second": second, "rows": rows, "form": form},
    )


@login_required
def family_path(request, pk):
    visible = Role.objects.visible_to(request.user)
    family = get_object_or_404(JobFamily.objects.filter(roles__in=visible).distinct(), pk=pk)
    roles = career_paths.family_path(family, visible)
    return render(request, "roles/paths/family_path.html", {"family": family, "roles": roles})


def _print_context(request, pk) -> dict:
    role = get_object_or_404(
        Role.objects.visible_to(request.user).for_catalogue().prefetch_related("responsibilities"),
        pk=pk,
    )
    return {"role": role, "grid": levels_grid(role)}


@login_required
def role_print(request, pk):
    return render(request, "roles/paths/role_print.html", _print_context(request, pk))


@login_required
def role_pdf(request, pk):
    context = _print_context(request, pk)
    return pdf_response(request, "roles/paths/role_print.html", context, name=context["role"].title)
