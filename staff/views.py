"""Pages for line managers and employees."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from roles.access import is_hr


@login_required
def home(request):
    """Send each kind of user where they belong."""
    if is_hr(request.user):
        return redirect("admin:index")
    return redirect("roles:catalogue")
