from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Local resources"

    def ready(self):
        from learning.page_urls import learning_page_register

        from . import signal_handlers

        learning_page_register("resources", "resources.ResourcesIndexPage")

        signal_handlers.connect()
