from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from webinars.enums import Theme
from webinars.models import Series, Session


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Themed webinars {n}")
    slug = factory.Sequence(lambda n: f"themed-webinars-{n}")
    description = "Monthly webinars on the needs link workers meet most."


class SessionFactory(factory.django.DjangoModelFactory):
    """A national webinar a week from now, an hour long, with 30 places.
    Pass region= for a regional learning event (its series is made regional too)."""

    class Meta:
        model = Session

    series = factory.LazyAttribute(
        lambda o: SeriesFactory(region=o.region) if o.region else SeriesFactory()
    )
    title = factory.Sequence(lambda n: f"Supporting people with debt {n}")
    description = "How to spot money worries early, and where to refer."
    speakers = "Amira Khan, Citizens Advice"
    theme = Theme.MONEY
    # 10:00 UK time a week from today: never across midnight (the form has one date and
    # two times, so a session from 23:00 to 00:00 could not be edited), whatever the hour.
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(10, 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    join_url = "https://teams.example.org/l/meetup-join/abc123"
    capacity = 30
    region = None
