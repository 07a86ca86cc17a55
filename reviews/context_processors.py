"""The counts beside the navigation's entries: one query per page, whatever the data."""

from reviews.todos import todo_counts


def todo_counts_in_navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"todo_counts": todo_counts(user)}
