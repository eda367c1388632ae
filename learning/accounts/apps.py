from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "learning.accounts"
    label = "accounts"
    verbose_name = "People and organisations"

    def ready(self):
        from . import signal_handlers  # noqa: F401
