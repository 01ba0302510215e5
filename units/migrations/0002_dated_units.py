import datetime as dt

from django.db import migrations, models


def inactive_units_closed(apps, schema_editor):
    """A unit marked inactive had no date: it is closed the day before this migration, so
    the years it worked in keep it (DESIGN "The past does not move")."""
    Unit = apps.get_model("units", "Unit")
    Unit.objects.filter(active=False).update(active_to=dt.date.today() - dt.timedelta(days=1))


def active_flags_back(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    Unit.objects.filter(active_to__lt=dt.date.today()).update(active=False)


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='unit',
            name='units_unit_kind_b60df3_idx',
        ),
        migrations.AddField(
            model_name='unit',
            name='active_from',
            field=models.DateField(blank=True, help_text='Để trống: từ trước đến nay.', null=True, verbose_name='hoạt động từ ngày'),
        ),
        migrations.AddField(
            model_name='unit',
            name='active_to',
            field=models.DateField(blank=True, help_text='Để trống: vẫn hoạt động.', null=True, verbose_name='hoạt động đến ngày'),
        ),
        migrations.AddField(
            model_name='unit',
            name='successors',
            field=models.ManyToManyField(blank=True, related_name='predecessors', to='units.unit', verbose_name='đơn vị kế thừa'),
        ),
        migrations.RunPython(inactive_units_closed, active_flags_back),
        migrations.RemoveField(
            model_name='unit',
            name='active',
        ),
        migrations.AlterField(
            model_name='unit',
            name='kind',
            field=models.CharField(choices=[('city', 'Thành phố'), ('district', 'Quận'), ('agency', 'Cơ quan chuyên môn'), ('public_service', 'Đơn vị sự nghiệp công lập'), ('ward', 'Phường'), ('commune', 'Xã')], max_length=20, verbose_name='loại'),
        ),
        migrations.AddIndex(
            model_name='unit',
            index=models.Index(fields=['kind', 'active_to'], name='units_unit_kind_19deb4_idx'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=models.Q(('active_from__isnull', True), ('active_to__isnull', True), ('active_from__lte', models.F('active_to')), _connector='OR'), name='unit_dates_ordered'),
        ),
    ]
