from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "learning.mail"
    label = "mail"
    verbose_name = "Email outbox"
