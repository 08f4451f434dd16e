"""The Celery application. Tasks are autodiscovered in each app's ``tasks.py``.

With ``REDIS_URL`` unset (a first run) tasks run in-process; see settings.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop_market.settings")

app = Celery("ovop_market")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
