from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ovop_market"
    verbose_name = _("Accounts and platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register every app's tasks in web processes too (Celery's own discovery waits for a
        # worker to start), so the outbox can find a task by name and run it in-process.
        from .celery import app

        app.autodiscover_tasks(force=True)
