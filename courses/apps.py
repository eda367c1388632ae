from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Accredited training"

    def ready(self):
        from induction.person_page import person_section_register
        from learning.page_urls import learning_page_register

        from . import signal_handlers
        from .record_selectors import training_of

        learning_page_register("training", "courses.TrainingIndexPage")
        person_section_register(
            "training",
            template="courses/coordinating/person_training.html",
            read=training_of,
        )

        signal_handlers.connect()
