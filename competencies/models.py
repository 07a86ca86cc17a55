"""The shared vocabulary: requirement categories and competency frameworks."""

from django.db import models

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


class CompetencyFramework(models.Model):
    """An organisation-wide framework, such as a Leadership Framework or Core Behaviours."""

    name = models.CharField(max_length=200, unique=True)
    description = typed_text(DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProficiencyLevel(models.Model):
    """An ordered step of proficiency within a framework ("Leading Self", ...)."""

    framework = models.ForeignKey(
        CompetencyFramework, on_delete=models.CASCADE, related_name="proficiency_levels"
    )
    name = models.CharField(max_length=120)
    order = models.PositiveIntegerField()
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
