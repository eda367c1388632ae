from django.apps import AppConfig


class InductionConfig(AppConfig):
    name = "induction"
    verbose_name = "Induction"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
