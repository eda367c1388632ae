"""NHS.UK form rendering for every Django form in the project.

`{{ form }}` renders NHS.UK markup: labels, hints, error messages tied to
their inputs with aria-describedby (see templates/django/forms/). Our forms
opt in with NHSFormMixin; Wagtail's admin forms keep Django's renderer.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

_INPUT_CLASSES = {
    forms.Textarea: "nhsuk-textarea",
    forms.Select: "nhsuk-select",
    forms.RadioSelect: "nhsuk-radios__input",
    forms.CheckboxSelectMultiple: "nhsuk-checkboxes__input",
    forms.CheckboxInput: "nhsuk-checkboxes__input",
    forms.FileInput: "nhsuk-file-upload",
}


def _input_class(widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in _INPUT_CLASSES:
            return _INPUT_CLASSES[widget_type]
    return "nhsuk-input"


class NHSBoundField(BoundField):
    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def is_choice_group(self) -> bool:
        return isinstance(self.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _input_class(widget)
        if self.errors and css in {"nhsuk-input", "nhsuk-textarea", "nhsuk-select"}:
            css += f" {css}--error"
        # The widget's own class (e.g. a width) is kept: attrs given here replace the
        # widget's attrs when it renders, so it is merged in now.
        own = widget.attrs.get("class", "")
        attrs["class"] = " ".join(filter(None, [own, attrs.get("class", ""), css]))
        if self.errors and not self.is_choice_group:
            described = attrs.get("aria-describedby", "").split()
            if self.error_id not in described:
                described.append(self.error_id)
            attrs["aria-describedby"] = " ".join(described)
            attrs["aria-invalid"] = "true"
        return attrs


class NHSFormRenderer(TemplatesSetting):
    bound_field_class = NHSBoundField


class NHSFormMixin:
    default_renderer = NHSFormRenderer()


def search_query(request, name: str = "q", max_length: int = 100) -> str:
    """A search box's text, safe for the database: trimmed, bounded, and without
    NUL characters (PostgreSQL refuses them in text)."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:max_length]


def apply_validation_error(form, error) -> None:
    """Show a service's ValidationError on the form: on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
