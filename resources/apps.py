from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Local resources"

    def ready(self):
        from learning.page_urls import learning_page_register
        from learning.search import search_hidden_paths_register

        from . import signal_handlers
        from .selectors import hidden_resource_paths

        learning_page_register("resources", "resources.ResourcesIndexPage")
        search_hidden_paths_register("resources", hidden_resource_paths)

        signal_handlers.connect()
