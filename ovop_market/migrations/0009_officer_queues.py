from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0005_product_makers_revisions'),
        ('sellers', '0004_onboarding_documents_invitations'),
        ('ovop_market', '0008_audit_trail'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApplicationToVerify',
            fields=[],
            options={
                'verbose_name': 'application to verify',
                'verbose_name_plural': 'applications to verify',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('sellers.cooperative',),
        ),
        migrations.CreateModel(
            name='ListingToReview',
            fields=[],
            options={
                'verbose_name': 'listing to review',
                'verbose_name_plural': 'listings to review',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('catalog.product',),
        ),
    ]
