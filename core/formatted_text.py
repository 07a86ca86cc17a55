"""Formatted text (duties, a role's sections) edited in the admin as text, not HTML.

The editor (django-prose-editor) offers only what `core.html.sanitise_html` keeps, and what it
sends is sanitised again by that one function: the editor is a convenience, never the guard.
"""

from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from core.html import sanitise_html

# The editor's buttons: the formatting core.html.ALLOWED_TAGS keeps, and no other.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
}


def formatted_text_formfield(db_field, **kwargs):
    """The admin's form field for a model field holding formatted text (a TextField)."""
    return db_field.formfield(
        form_class=ProseEditorFormField,
        widget=AdminProseEditorWidget,
        config={"extensions": EXTENSIONS},
        sanitize=sanitise_html,
        **kwargs,
    )


class FormattedTextAdmin:
    """For admins and inlines: the fields named in `formatted_text_fields` get the editor."""

    formatted_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.formatted_text_fields:
            return formatted_text_formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
