"""The demo catalog: its data, the pictures drawn for it, and the loader behind ``manage.py seed_demo``."""
