"""The shared vocabulary: requirement categories and competency frameworks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.fields import DESCRIPTION_MAX_LENGTH, typed_text


class RequirementCategory(models.Model):
    """A heading requirement items are grouped under (Qualifications, Knowledge, ...)."""

    name = models.CharField(max_length=120, unique=True)
    order = models.PositiveIntegerField(
        unique=True, help_text="Categories are shown in this order, lowest first."
    )
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "requirement categories"

    def __str__(self):
        return self.name

    @classmethod
    def next_order(cls) -> int:
        last = cls.objects.aggregate(models.Max("order"))["order__max"]
        return (last or 0) + 10


class CompetencyFrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Frameworks are the organisation's shared vocabulary: everyone signed in reads them."""
        return self if user.is_authenticated else self.none()


class CompetencyFramework(models.Model):
    """An organisation-wide framework, such as a Leadership Framework or Core Behaviours."""

    name = models.CharField(max_length=200, unique=True)
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    objects = CompetencyFrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competencies:framework", args=[self.pk])


class ProficiencyLevel(models.Model):
    """An ordered step of proficiency within a framework ("Leading Self", ...)."""

    framework = models.ForeignKey(
        CompetencyFramework, on_delete=models.CASCADE, related_name="proficiency_levels"
    )
    name = models.CharField(max_length=120)
    order = models.PositiveIntegerField(
        help_text="Position in the framework's scale, lowest proficiency first, whatever the "
        'labels say ("A" may be the top).'
    )
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "order"], name="unique_proficiency_order_per_framework"
            ),
            models.UniqueConstraint(
                fields=["framework", "name"], name="unique_proficiency_name_per_framework"
            ),
        ]

    def __str__(self):
        return self.name


class Competency(models.Model):
    """One competency of a framework ("Fresh Thinking", "Customer Service")."""

    framework = models.ForeignKey(
        CompetencyFramework, on_delete=models.CASCADE, related_name="competencies"
    )
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["framework", "order", "name"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "name"], name="unique_competency_name_per_framework"
            ),
        ]

    def __str__(self):
        return self.name


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CompetencyDescriptor(models.Model):
    """What one competency looks like at one proficiency level of its framework, with the
    behaviour that shows it (positive indicators) and the behaviour that shows it is missing
    (negative indicators)."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="descriptors")
    proficiency = models.ForeignKey(
        ProficiencyLevel, on_delete=models.CASCADE, related_name="descriptors"
    )
    text = typed_text(DESCRIPTION_MAX_LENGTH, "descriptor", blank=True)
    positive_indicators = typed_text(DESCRIPTION_MAX_LENGTH, blank=True, help_text="One per line.")
    negative_indicators = typed_text(DESCRIPTION_MAX_LENGTH, blank=True, help_text="One per line.")

    class Meta:
        ordering = ["competency", "proficiency__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "proficiency"],
                name="unique_descriptor_per_competency_and_proficiency",
            ),
        ]

    def __str__(self):
        return f"{self.competency}: {self.proficiency}"

    def clean(self):
        if (
            self.competency_id
            and self.proficiency_id
            and self.competency.framework_id != self.proficiency.framework_id
        ):
            raise ValidationError(
                {"proficiency": "Choose a proficiency level of the competency's own framework."}
            )

    @property
    def positive_indicator_list(self) -> list[str]:
        return _lines(self.positive_indicators)

    @property
    def negative_indicator_list(self) -> list[str]:
        return _lines(self.negative_indicators)
