"""PostgreSQL search indexes: the weighted vector, trigram substring and vocabulary lookups.

Other databases skip this migration's SQL; their search is a plain substring match.
"""
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("catalog_product_search_vector_gin", "CREATE INDEX IF NOT EXISTS {} ON catalog_product USING gin (search_vector)"),
    ("catalog_product_search_text_trgm", "CREATE INDEX IF NOT EXISTS {} ON catalog_product USING gin (search_text gin_trgm_ops)"),
    ("catalog_searchterm_word_trgm", "CREATE INDEX IF NOT EXISTS {} ON catalog_searchterm USING gin (word gin_trgm_ops)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, sql in INDEXES:
        schema_editor.execute(sql.format(name))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
