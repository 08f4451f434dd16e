import django.db.models.deletion
from django.db import migrations, models
from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce

# The lookup from each audited model to its cooperative as it stood when this was written (a
# copy of ovop_market.officers.COOPERATIVE_PATHS: a migration must not change with the code).
COOPERATIVE_PATHS = {
    "sellers.cooperative": "",
    "sellers.cooperativedocument": "cooperative__",
    "sellers.cooperativeedit": "cooperative__",
    "sellers.cooperativestatuschange": "cooperative__",
    "sellers.membership": "cooperative__",
    "sellers.maker": "cooperative__",
    "catalog.product": "cooperative__",
    "catalog.productimage": "product__cooperative__",
    "catalog.productrevision": "product__cooperative__",
    "catalog.productstatuschange": "product__cooperative__",
    "catalog.grade": "product__cooperative__",
    "orders.shipment": "cooperative__",
    "orders.payment": "shipment__cooperative__",
    "orders.review": "product__cooperative__",
}


def _entries_about(apps, label):
    AuditEntry = apps.get_model("ovop_market", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = label.split(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None, None
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return None, None
    entries = AuditEntry.objects.filter(target_type=content_type, target_id__regex=r"^[0-9]+$")
    return entries, model.objects.filter(pk=Cast(OuterRef("target_id"), IntegerField()))


def backfill(apps, schema_editor):
    """Fill in whom the existing entries concern, where their object still exists."""
    for label, prefix in COOPERATIVE_PATHS.items():
        entries, target = _entries_about(apps, label)
        if entries is not None:
            entries.filter(cooperative__isnull=True).update(
                cooperative_id=Subquery(target.values(f"{prefix}id")[:1]))
    entries, target = _entries_about(apps, "catalog.region")
    if entries is not None:
        # A region deleted since leaves the entry without one.
        entries.filter(region_path="").update(region_path=Coalesce(Subquery(target.values("path")[:1]), Value("")))


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('catalog', '0006_grading_officer_scope'),
        ('orders', '0001_initial'),
        ('ovop_market', '0009_officer_queues'),
        ('sellers', '0006_cooperative_coop_name_idx'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='cooperative',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sellers.cooperative', verbose_name='cooperative'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='region_path',
            field=models.CharField(blank=True, help_text="The region's path, for an entry about a region.", max_length=400, verbose_name='region'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
