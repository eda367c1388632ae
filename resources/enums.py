from django.db import models


class ResourceKind(models.TextChoices):
    SERVICE = "service", "Local service or community group"
    DOCUMENT = "document", "Local guide or document"
    LINK = "link", "Link"


class Need(models.TextChoices):
    """What a resource helps with: the needs link workers most often connect people for."""

    LONELINESS = "loneliness", "Loneliness and isolation"
    MENTAL_HEALTH = "mental_health", "Mental health and wellbeing"
    DEBT = "debt", "Debt and money"
    HOUSING = "housing", "Housing"
    PHYSICAL_ACTIVITY = "physical_activity", "Physical activity"
    CARERS = "carers", "Carers"
    EMPLOYMENT = "employment", "Work, training and volunteering"
    FOOD = "food", "Food"
    LONG_TERM_CONDITIONS = "long_term_conditions", "Living with a long-term condition"
    ARTS = "arts", "Arts, culture and nature"
    BEREAVEMENT = "bereavement", "Bereavement"
    SUBSTANCE_USE = "substance_use", "Alcohol and drugs"
