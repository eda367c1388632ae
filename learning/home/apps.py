from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "learning.home"
    label = "home"
    verbose_name = "Home"

    def ready(self):
        from learning import page_urls

        page_urls.connect()
