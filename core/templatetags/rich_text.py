"""Template filter for HTML that came from users or files (duties, purpose)."""

from django import template
from django.utils.safestring import mark_safe

from core.html import sanitise_html

register = template.Library()


@register.filter
def sanitised(html: str) -> str:
    """Sanitised again on the way out: rows written by bulk updates never passed through save()."""
    return mark_safe(sanitise_html(html))  # noqa: S308 - nh3 has just removed unsafe markup
