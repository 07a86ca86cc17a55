"""PDFs being prepared keep their task's id. Those queued before have none: the next look at
one finds no task and queues it again (core.pdf), so none stays "being prepared" for ever."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_pdf_document_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="pdfdocument",
            name="task_id",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
    ]
