from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Local resources"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
