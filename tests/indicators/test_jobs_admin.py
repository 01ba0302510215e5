"""The admin keeps the trace of imports and exports: who loaded which file, with what result,
in Vietnamese; the records are shown, never edited or deleted there."""

from indicators.evidence.models import ExportJob, ImportJob


def _root(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(root)
    return root


def test_a_rejected_import_is_listed_with_its_reasons(db, client, django_user_model):
    root = _root(client, django_user_model)
    job = ImportJob.objects.create(
        kind="dossiers",
        created_by=root,
        status=ImportJob.Status.FAILED,
        total_rows=3,
        errors=[{"line": 3, "message": "Mã đơn vị không tồn tại: X99."}],
        file="imports/2021/ho-so-quy3.csv",
    )

    listing = client.get("/admin/indicators/importjob/").content.decode()
    assert "Hồ sơ" in listing and "Bị từ chối" in listing and "Số lỗi" in listing

    page = client.get(f"/admin/indicators/importjob/{job.pk}/change/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Dòng 3: Mã đơn vị không tồn tại: X99." in body
    assert "ho-so-quy3" in body and "Người nhập" in body
    assert 'name="status"' not in body and "/delete/" not in body
    assert client.get("/admin/indicators/importjob/add/").status_code == 403
    assert client.post(f"/admin/indicators/importjob/{job.pk}/delete/").status_code == 403
    assert ImportJob.objects.filter(pk=job.pk).exists()


def test_an_export_job_is_shown_read_only(db, client, django_user_model):
    root = _root(client, django_user_model)
    job = ExportJob.objects.create(
        kind="dossiers", format=ExportJob.Format.CSV, requested_by=root, rows_total=25_000
    )

    body = client.get(f"/admin/indicators/exportjob/{job.pk}/change/").content.decode()
    assert "Người yêu cầu" in body and "Số dòng ước tính" in body and 'name="kind"' not in body


def test_the_jobs_are_filtered_by_the_kind_of_data_named_in_vietnamese(
    db, client, django_user_model
):
    root = _root(client, django_user_model)
    for kind in ("dossiers", "satisfaction"):
        ImportJob.objects.create(kind=kind, created_by=root, file=f"imports/{kind}.csv")

    listing = client.get("/admin/indicators/importjob/")
    choices = [
        c["display"] for c in listing.context["cl"].filter_specs[1].choices(listing.context["cl"])
    ]
    assert choices == ["Tất cả", "Hồ sơ TTHC", "Khảo sát hài lòng"]
    filtered = client.get("/admin/indicators/importjob/?kind=satisfaction").context["cl"]
    assert [job.kind for job in filtered.result_list] == ["satisfaction"]
