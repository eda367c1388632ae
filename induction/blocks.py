"""Blocks for the Summary Guide's Common Outcomes Framework."""

from wagtail import blocks

from .enums import OutcomeAudience


class OutcomeBlock(blocks.StructBlock):
    outcome = blocks.CharBlock(max_length=200, help_text="The outcome, in a sentence.")
    how_it_shows = blocks.TextBlock(
        required=False,
        max_length=600,
        help_text="How the outcome can be seen or measured.",
    )

    class Meta:
        icon = "tick"


class AudienceOutcomesBlock(blocks.StructBlock):
    """The outcomes social prescribing aims for, for one of the framework's audiences."""

    audience = blocks.ChoiceBlock(choices=OutcomeAudience.choices)
    introduction = blocks.TextBlock(required=False, max_length=600)
    outcomes = blocks.ListBlock(OutcomeBlock(), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["audience_label"] = OutcomeAudience(value["audience"]).label
        return context

    class Meta:
        icon = "group"
        template = "induction/blocks/audience_outcomes.html"
