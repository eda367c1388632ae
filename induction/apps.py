from django.apps import AppConfig


class InductionConfig(AppConfig):
    name = "induction"
    verbose_name = "Induction"

    def ready(self):
        from learning.page_urls import learning_page_register

        from . import signal_handlers

        learning_page_register("induction", "induction.InductionPackPage")
        learning_page_register("reference_guide", "induction.ReferenceGuidePage")
        learning_page_register("summary_guide", "induction.SummaryGuidePage")

        signal_handlers.connect()
