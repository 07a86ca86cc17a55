"""A first historical record for each row that existed before its model was audited.

Without one, the first change after the audit trail started would have no old values to show.
Used by the data migrations that follow the ones creating the historical tables.
"""

from django.utils import timezone

BASELINE_REASON = "history started"


def record_existing_rows(apps, app_label: str, model_names: list[str]) -> None:
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        recorded = set(historical.objects.values_list("id", flat=True).distinct())
        fields = [f.attname for f in model._meta.concrete_fields]
        batch = [
            historical(
                **{attname: getattr(row, attname) for attname in fields},
                history_date=now,
                history_type="+",
                history_change_reason=BASELINE_REASON,
            )
            for row in model.objects.exclude(pk__in=recorded).iterator()
        ]
        historical.objects.bulk_create(batch, batch_size=1000)
