"""Hidden posts keep who hid them, when and why (the author is told); a report's
free text becomes its note, beside a reason chosen from a list."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def reasons_from_safeguarding(apps, schema_editor):
    Report = apps.get_model("forums", "Report")
    Report.objects.filter(safeguarding=True).update(reason="safeguarding")


class Migration(migrations.Migration):
    # The user model is already a dependency of 0002; one parent keeps the
    # template-migration test's (and a deploy's) "last forums migration" plain.
    dependencies = [("forums", "0006_search_index")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="hidden_reason",
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.AddField(
            model_name="post",
            name="hidden_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="post",
            name="hidden_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RenameField(model_name="report", old_name="reason", new_name="note"),
        migrations.AlterField(
            model_name="report",
            name="note",
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.AddField(
            model_name="report",
            name="reason",
            field=models.CharField(
                choices=[
                    ("safeguarding", "Safeguarding concern: someone may be at risk of harm"),
                    ("personal_data", "It shares personal data about someone"),
                    ("offensive", "It is offensive or abusive"),
                    ("spam", "It is spam or advertising"),
                    ("other", "Something else"),
                ],
                default="other",
                max_length=20,
            ),
        ),
        migrations.RunPython(reasons_from_safeguarding, migrations.RunPython.noop),
    ]
