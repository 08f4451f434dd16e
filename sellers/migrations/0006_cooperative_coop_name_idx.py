from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("sellers", "0005_cooperative_payment_methods"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="cooperative",
            index=models.Index(fields=["name", "-id"], name="coop_name_idx"),
        ),
    ]
