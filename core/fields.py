"""Model fields every app shares."""

from django.core.validators import MaxLengthValidator
from django.db import models

# What HR may type into one box of a role profile or framework: far above the samples' longest
# (about 1,000 characters), far below a pasted document.
DESCRIPTION_MAX_LENGTH = 5000
ITEM_MAX_LENGTH = 2000
DUTIES_MAX_LENGTH = 50_000


def typed_text(limit: int, *args, **kwargs) -> models.TextField:
    """Text a person types, refused beyond `limit` characters by forms and by `full_clean`.

    A TextField's max_length alone only reaches the form; the validator makes `full_clean`
    (and so imports that validate) refuse it too.
    """
    return models.TextField(
        *args, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs
    )
