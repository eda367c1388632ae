"""The Celery app. Tasks queued inside a region run in that region's schema
(tenant-schemas-celery records the schema with each message)."""

import os

from celery.schedules import crontab
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")

app = CeleryApp("learning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "deliver-pending-outbox": {
        "task": "learning.mail.tasks.deliver_pending_outbox",
        "schedule": crontab(minute="*/5"),
    },
    # Crontab times are in CELERY_TIMEZONE (Europe/London): 07:00 all year round.
    "forum-daily-digests": {
        "task": "forums.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "forum-missed-emails": {
        "task": "forums.tasks.sweep_missed_emails",
        "schedule": crontab(minute="*/15"),
    },
    # Mondays at 08:00 London time: members of a cohort with overdue items.
    "cohort-weekly-reminders": {
        "task": "cohorts.tasks.send_weekly_reminders",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
    # Reminders 24 hours and 1 hour before a webinar go within one run of their time.
    "webinar-reminders": {
        "task": "webinars.tasks.send_session_reminders",
        "schedule": crontab(minute="*/5"),
    },
    # Mondays at 07:30 London time: the week's schedule to every CCG lead.
    "webinar-weekly-circulation": {
        "task": "webinars.tasks.send_weekly_circulation",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    # Schedule changes go to CCG leads once they have settled (coalesced, see
    # webinars.circulation.changes_ready).
    "webinar-changes-circulation": {
        "task": "webinars.tasks.send_schedule_changes_circulation",
        "schedule": crontab(minute="*/5"),
    },
    # Daily at 07:15 London time: leads of resources whose review has fallen due.
    "resource-review-reminders": {
        "task": "resources.tasks.send_review_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # Mondays at 06:00 London time: check resources' web addresses, report broken ones.
    "resource-link-check": {
        "task": "resources.tasks.check_resource_links",
        "schedule": crontab(hour=6, minute=0, day_of_week="mon"),
    },
    # Hourly: each region's dashboard figures for yesterday and today.
    "reporting-refresh-figures": {
        "task": "reporting.tasks.refresh_figures",
        "schedule": crontab(minute=10),
    },
}
