from django.db import migrations, models


def made_where_kept(apps, schema_editor):
    """PDFs kept before there was a status are made; the rest are still being prepared. A
    person's PDFs were kept under "staff:" and a digest of their page's HTML, which no download
    asks for any more ("person:" and staff.standing.standing_version): they go."""
    documents = apps.get_model("core", "PdfDocument").objects
    documents.filter(key__startswith="staff:").delete()
    documents.filter(content__isnull=False).update(status="made")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_background_jobs")]

    operations = [
        migrations.AddField(
            model_name="pdfdocument",
            name="status",
            field=models.CharField(
                choices=[("queued", "Being prepared"), ("made", "Made"), ("failed", "Failed")],
                default="queued",
                max_length=10,
            ),
        ),
        migrations.RunPython(made_where_kept, migrations.RunPython.noop),
    ]
