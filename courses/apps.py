from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Accredited training"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
