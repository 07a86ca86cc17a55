"""The competency framework pages every signed-in reader sees."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from competencies.framework_grid import framework_grid
from competencies.models import CompetencyFramework


@login_required
def framework_detail(request, pk):
    framework = get_object_or_404(CompetencyFramework.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "competencies/framework_detail.html",
        {"framework": framework, "grid": framework_grid(framework)},
    )
