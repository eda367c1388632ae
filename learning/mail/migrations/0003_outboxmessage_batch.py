from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0002_outboxmessage_headers"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="batch",
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
    ]
