from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "learning.demo"
    label = "demo"
    verbose_name = "Demo data"
