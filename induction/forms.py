from django import forms

from learning.forms import NHSFormMixin

from .models import REFLECTION_MAX_LENGTH, RETURN_COMMENT_MAX_LENGTH

# What the step page says about who reads a reflection, before the person writes it.
# The code keeps to these words: a shared step's reflections are shown to the
# person's coordinators, a private one to nobody but its writer (tests check both).
READ_BY_COORDINATORS = (
    "Your region's learning coordinators will read this reflection. "
    "Nobody else can, apart from you."
)
YOU_CHOOSE = (
    "You choose who reads this reflection: keep it to yourself, or share it with "
    "your region's learning coordinators. You can change this later."
)
KEEP_PRIVATE = "private"
SHARE = "share"


class CompleteStepForm(NHSFormMixin, forms.Form):
    """Marking a step as done; a reflection step adds its reflection and, where the
    step leaves it to the person, who may read it."""

    sharing = forms.ChoiceField(
        label="Who can read your reflection?",
        choices=[
            (KEEP_PRIVATE, "Only me: keep it to myself"),
            (SHARE, "Me and my region's learning coordinators"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to keep your reflection to yourself or share it "
            "with your learning coordinators.",
            "invalid_choice": "Choose whether to keep your reflection to yourself or share it "
            "with your learning coordinators.",
        },
    )
    reflection = forms.CharField(
        label="Your reflection",
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write your reflection before you mark this step as done.",
            "max_length": f"Keep your reflection to {REFLECTION_MAX_LENGTH:,} characters.",
        },
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        if not step.is_reflection:
            del self.fields["reflection"]
            del self.fields["sharing"]
        elif step.reflection_shared:
            del self.fields["sharing"]
            self.fields["reflection"].help_text = READ_BY_COORDINATORS
        else:
            self.fields["sharing"].help_text = YOU_CHOOSE

    @property
    def share_reflection(self) -> bool:
        return self.cleaned_data.get("sharing") == SHARE


class ReflectionSharingForm(NHSFormMixin, forms.Form):
    """Changing who reads a reflection already written."""

    sharing = forms.ChoiceField(
        choices=[(KEEP_PRIVATE, KEEP_PRIVATE), (SHARE, SHARE)],
        error_messages={"required": "Choose who can read your reflection."},
    )


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
