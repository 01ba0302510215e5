import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A plan covers a scope unit, a district or a city: `district` becomes `scope`."""

    dependencies = [
        ("plans", "0003_reminder_digest_index"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="plan", old_name="district", new_name="scope"),
        migrations.AlterField(
            model_name="plan",
            name="scope",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="units.unit",
                verbose_name="địa bàn (quận hoặc thành phố)",
            ),
        ),
    ]
