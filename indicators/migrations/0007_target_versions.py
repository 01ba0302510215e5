import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def thresholds_and_kinds_moved(apps, schema_editor):
    """A field's own on-time threshold moves onto the on-time targets (`field_thresholds`), and
    the single unit kind becomes a list."""
    Target = apps.get_model("indicators", "Target")
    ProcedureField = apps.get_model("indicators", "ProcedureField")
    own = {
        f.code: format(f.ontime_threshold.normalize(), "f")
        for f in ProcedureField.objects.exclude(ontime_threshold=None)
    }
    for target in Target.objects.all():
        target.unit_kinds = target.unit_kind
        if target.rule == "ontime":
            target.field_thresholds = own
        target.save(update_fields=["unit_kinds", "field_thresholds"])


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0006_recompute_as_of_dates'),
        ('plans', '0004_plan_scope'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='target',
            name='field_thresholds',
            field=models.JSONField(blank=True, default=dict, help_text='Mã lĩnh vực → ngưỡng, ví dụ {"land": "96"}.', verbose_name='ngưỡng riêng theo lĩnh vực'),
        ),
        migrations.AddField(
            model_name='target',
            name='unit_kinds',
            field=models.CharField(blank=True, help_text='Để trống: mọi loại; ví dụ ward;agency.', max_length=100, verbose_name='chỉ tính đơn vị loại'),
        ),
        migrations.RunPython(thresholds_and_kinds_moved, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='procedurefield',
            name='ontime_threshold',
        ),
        migrations.RemoveField(
            model_name='target',
            name='unit_kind',
        ),
        migrations.AlterField(
            model_name='target',
            name='scope',
            field=models.CharField(choices=[('district', 'Toàn địa bàn'), ('unit', 'Từng đơn vị'), ('unit_and_district', 'Từng đơn vị và toàn địa bàn'), ('unit_field', 'Từng đơn vị × lĩnh vực')], max_length=20, verbose_name='kết quả cho'),
        ),
        migrations.CreateModel(
            name='HistoricalTarget',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(max_length=40, verbose_name='mã')),
                ('title', models.CharField(max_length=300, verbose_name='chỉ tiêu')),
                ('rule', models.CharField(choices=[('inspection_coverage', 'Tỷ lệ đơn vị được kiểm tra CCHC'), ('conduct_inspections', 'Số đơn vị được kiểm tra đột xuất công vụ'), ('satisfaction', 'Tỷ lệ hài lòng'), ('publication', 'Công khai kết quả hài lòng'), ('ontime', 'Tỷ lệ hồ sơ đúng hạn'), ('feedback', 'Phản ánh, kiến nghị xử lý kịp thời và công khai'), ('initiatives', 'Số sáng kiến'), ('outreach', 'Số sản phẩm tuyên truyền'), ('online_growth', 'Tăng tỷ lệ hồ sơ trực tuyến'), ('epayment_share', 'Tỷ lệ đơn vị giáo dục thanh toán điện tử'), ('task_completion', 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn')], max_length=40, verbose_name='cách tính')),
                ('comparator', models.CharField(choices=[('gte', '≥'), ('gt', '>'), ('eq', '=')], max_length=5, verbose_name='so sánh')),
                ('threshold', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='ngưỡng')),
                ('field_thresholds', models.JSONField(blank=True, default=dict, help_text='Mã lĩnh vực → ngưỡng, ví dụ {"land": "96"}.', verbose_name='ngưỡng riêng theo lĩnh vực')),
                ('scope', models.CharField(choices=[('district', 'Toàn địa bàn'), ('unit', 'Từng đơn vị'), ('unit_and_district', 'Từng đơn vị và toàn địa bàn'), ('unit_field', 'Từng đơn vị × lĩnh vực')], max_length=20, verbose_name='kết quả cho')),
                ('periods', models.CharField(choices=[('year', 'Năm'), ('quarters', 'Quý'), ('quarters_and_year', 'Quý và năm')], max_length=20, verbose_name='kỳ')),
                ('unit_kinds', models.CharField(blank=True, help_text='Để trống: mọi loại; ví dụ ward;agency.', max_length=100, verbose_name='chỉ tính đơn vị loại')),
                ('unit_sector', models.CharField(blank=True, max_length=50, verbose_name='chỉ tính lĩnh vực đơn vị')),
                ('inspection_kinds', models.CharField(blank=True, max_length=100, verbose_name='loại kiểm tra được tính')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.plan')),
            ],
            options={
                'verbose_name': 'historical chỉ tiêu',
                'verbose_name_plural': 'historical chỉ tiêu',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
