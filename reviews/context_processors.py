"""The counts beside the navigation's entries: one query on the pages that show them, none on
the others (the admin, downloads, the JSON a script reads)."""

from django.utils.functional import SimpleLazyObject

from reviews.todos import todo_counts


def todo_counts_in_navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Counted when a template first reads a count, so only pages with the navigation pay.
    return {"todo_counts": SimpleLazyObject(lambda: todo_counts(user))}
