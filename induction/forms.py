from django import forms

from learning.forms import NHSFormMixin

from .models import REFLECTION_MAX_LENGTH, RETURN_COMMENT_MAX_LENGTH


class CompleteStepForm(NHSFormMixin, forms.Form):
    """Marking a step as done; a reflection step adds its private reflection."""

    reflection = forms.CharField(
        label="Your reflection",
        help_text="Only you and your region's learning coordinators can read this.",
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write your reflection before you mark this step as done.",
            "max_length": f"Keep your reflection to {REFLECTION_MAX_LENGTH:,} characters.",
        },
    )

    def __init__(self, *args, with_reflection: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_reflection:
            del self.fields["reflection"]


class ReviewForm(NHSFormMixin, forms.Form):
    """A coordinator's decision on an offline task waiting for sign-off."""

    SIGN_OFF = "sign_off"
    RETURN = "return"

    decision = forms.ChoiceField(
        choices=[(SIGN_OFF, "Sign off"), (RETURN, "Return with a comment")],
        error_messages={"required": "Choose whether to sign off or return the task."},
    )
    comment = forms.CharField(
        label="Comment for the link worker",
        help_text="Needed when you return a task: say what is still to do.",
        required=False,
        max_length=RETURN_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Keep your comment to {RETURN_COMMENT_MAX_LENGTH:,} characters."
        },
    )

    def __init__(self, *args, progress_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if progress_id is not None:
            # Each queued task has its own form on one page: keep ids unique.
            self.auto_id = f"review-{progress_id}-%s"
