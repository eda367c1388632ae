from django.db import models


class Metric(models.TextChoices):
    """What the dashboards count. Most are events on a day; SNAPSHOTS are a count at
    the end of a day (summing them over a week would mean nothing)."""

    LINK_WORKERS = "link_workers", "Link workers"
    INDUCTIONS_COMPLETED = "inductions_completed", "Inductions completed"
    MODULES_COMPLETED = "modules_completed", "Modules completed"
    CERTIFICATES_ISSUED = "certificates_issued", "Certificates issued"
    WEBINAR_REGISTRATIONS = "webinar_registrations", "Webinar registrations"
    WEBINAR_ATTENDANCES = "webinar_attendances", "Webinar attendances"
    FORUM_THREADS = "forum_threads", "Forum threads started"
    FORUM_REPLIES = "forum_replies", "Forum replies"
    FORUM_FIRST_RESPONSES = "forum_first_responses", "Threads given a first reply"
    FORUM_RESPONSE_MINUTES = "forum_response_minutes", "Minutes to a first reply (total)"
    FORUM_UNANSWERED = "forum_unanswered", "Unanswered threads"


SNAPSHOTS = frozenset({Metric.LINK_WORKERS, Metric.FORUM_UNANSWERED})


class Breakdown(models.TextChoices):
    REGION = "region", "Whole region"
    CCG = "ccg", "By CCG"
    COHORT = "cohort", "By cohort"
