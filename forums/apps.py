from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Regional forums"

    def ready(self):
        from . import signal_handlers  # noqa: F401
