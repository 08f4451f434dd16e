"""OVOP Market: the project package and its cross-cutting core app."""
from .celery import app as celery_app

__all__ = ("celery_app",)
