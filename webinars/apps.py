from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = "Webinars and learning events"
