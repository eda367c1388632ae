from django import forms

from learning.forms import NHSFormMixin

from .enums import QuestionKind

FIELD_PREFIX = "q-"


def answer_field_name(question_id: str) -> str:
    return f"{FIELD_PREFIX}{question_id}"


class AttemptForm(NHSFormMixin, forms.Form):
    """The questions of one open attempt: radios for "choose one", checkboxes for
    "choose every answer that applies".

    Only each question's text and its choices' text and keys reach the page; the
    attempt's snapshot keeps which choices are right, and the feedback, on the server.
    attempt_submit checks the answers again: the form is for the page, the service
    is the rule.
    """

    def __init__(self, *args, attempt, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_ids = [question["id"] for question in attempt.questions]
        for number, question in enumerate(attempt.questions, start=1):
            choices = [(choice["key"], choice["text"]) for choice in question["choices"]]
            common = {
                "label": f"{number}. {question['text']}",
                "choices": choices,
                "help_text": QuestionKind(question["kind"]).label + ".",
                "error_messages": {
                    "required": f"Answer question {number}.",
                    "invalid_choice": f"Choose from the answers shown for question {number}.",
                    "invalid_list": f"Choose from the answers shown for question {number}.",
                },
            }
            if question["kind"] == QuestionKind.SINGLE:
                field = forms.ChoiceField(widget=forms.RadioSelect, **common)
            else:
                field = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **common)
            self.fields[answer_field_name(question["id"])] = field

    def clean(self):
        cleaned = super().clean()
        # A field the form does not know would otherwise be dropped without a word.
        unknown = [
            name for name in self.data if name.startswith(FIELD_PREFIX) and name not in self.fields
        ]
        if unknown:
            raise forms.ValidationError(
                "An answer was sent for a question that is not in this attempt. "
                "Nothing was saved: answer the questions below and send them again."
            )
        return cleaned

    def answers(self) -> dict[str, list[str]]:
        """{question id: [choice key, ...]}, as attempt_submit takes them."""
        answers = {}
        for question_id in self.question_ids:
            value = self.cleaned_data.get(answer_field_name(question_id))
            if isinstance(value, list):  # checkboxes
                answers[question_id] = value
            else:  # a radio: one key, or "" when none was chosen
                answers[question_id] = [value] if value else []
        return answers

    def add_service_errors(self, error) -> None:
        """Show attempt_submit's errors: per question where it names one, else on top."""
        if hasattr(error, "error_dict"):
            for question_id, errors in error.error_dict.items():
                name = answer_field_name(question_id)
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)

    @property
    def first_field_id(self) -> str:
        """Where errors about the whole form link to in the error summary."""
        if not self.question_ids:
            return ""
        return self[answer_field_name(self.question_ids[0])].auto_id
