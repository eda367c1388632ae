# Seeded in every region when it is created.
DEFAULT_CATEGORIES = (
    ("introductions", "Introductions", "Say hello: who you are, your PCN and what you hope to learn."),
    ("peer-support", "Peer support and advice", "Ask colleagues for help with a situation or a referral."),
    ("local-services", "Local services and resources", "Share community groups and services people can be connected to."),
    ("supervision-wellbeing", "Supervision and wellbeing", "Looking after yourself: supervision, caseloads and wellbeing."),
    ("learning-events", "Regional learning events", "Events run by your region's learning coordinators."),
)  # fmt: skip


class ReportOutcome:
    HIDDEN = "hidden"
    DISMISSED = "dismissed"


SUSPENSION_DAYS = ((1, "1 day"), (7, "7 days"), (30, "30 days"), (90, "90 days"))
