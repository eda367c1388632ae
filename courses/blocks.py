"""Assessment questions, edited in the course page's question bank.

Each question and each choice carries a stable id (the StreamField block id, and
a `key` for choices), so an attempt can record which questions it drew and what
was answered. An attempt copies the questions it drew when it starts: editing
the bank later changes new attempts only.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks

from .enums import QuestionKind


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False, help_text="Tick every correct answer.")

    class Meta:
        icon = "tick"


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=1000, help_text="The question, in plain words.")
    kind = blocks.ChoiceBlock(choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8)
    feedback = blocks.TextBlock(
        max_length=1500,
        help_text="Shown after the attempt is sent: why the right answer is right.",
    )

    class Meta:
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise ValidationError("Tick at least one correct answer.")
        if value["kind"] == QuestionKind.SINGLE and correct != 1:
            raise ValidationError(
                "A 'choose one' question needs exactly one correct answer; "
                "make it 'choose every answer that applies' instead."
            )
        return value


class QuestionBankBlock(blocks.StreamBlock):
    question = QuestionBlock()
