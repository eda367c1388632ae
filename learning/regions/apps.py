from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "learning.regions"
    label = "regions"
    verbose_name = "Regions"
