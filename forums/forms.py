from django import forms
from django.core.exceptions import ValidationError

from learning.forms import NHSFormMixin

from .enums import SUSPENSION_DAYS
from .models import POST_MAX_LENGTH, REPORT_REASON_MAX_LENGTH, TITLE_MAX_LENGTH
from .text import INVISIBLE_BODY, INVISIBLE_TITLE, has_visible_text

BODY_HELP = (
    "You can use Markdown: **bold**, *italic*, lists and links. "
    "Mention a colleague with @ and the first part of their work email, like @jane.smith."
)


def _visible(message: str):
    """A validator refusing text that passed `required` but shows nothing (zero-width
    spaces, bidi marks, fillers...)."""

    def validate(value: str) -> None:
        if not has_visible_text(value):
            raise ValidationError(message, code="invisible")

    return validate


def _body_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=BODY_HELP,
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_visible(INVISIBLE_BODY)],
        error_messages={
            "required": "Write your message.",
            "max_length": f"Keep your message to {POST_MAX_LENGTH:,} characters.",
        },
    )


class ThreadForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        validators=[_visible(INVISIBLE_TITLE)],
        error_messages={
            "required": "Give your thread a title.",
            "max_length": f"Keep the title to {TITLE_MAX_LENGTH} characters.",
        },
    )
    body = _body_field("Your message")


class ReplyForm(NHSFormMixin, forms.Form):
    body = _body_field("Your reply")


class SuspendForm(NHSFormMixin, forms.Form):
    days = forms.TypedChoiceField(
        label="How long for?",
        choices=SUSPENSION_DAYS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the suspension lasts."},
    )
    reason = forms.CharField(
        label="Reason, which the member is emailed",
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say why you are suspending this member.",
            "max_length": f"Keep the reason to {REPORT_REASON_MAX_LENGTH:,} characters.",
        },
    )


class MoveForm(NHSFormMixin, forms.Form):
    category = forms.ChoiceField(label="Move to category")

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.slug, c.name) for c in categories]
