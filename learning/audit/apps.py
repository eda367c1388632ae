from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "learning.audit"
    label = "audit"
    verbose_name = "Audit log"
