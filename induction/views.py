from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from learning.forms import apply_validation_error

from .enums import StepKind, StepStatus
from .forms import CompleteStepForm
from .selectors import step_status
from .services import step_complete


def serve_step(request, page, *args, **kwargs):
    """A step page: read it, and mark it done (with a reflection where it asks for one)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    with_reflection = page.kind == StepKind.REFLECTION
    form = CompleteStepForm(
        request.POST if request.method == "POST" else None, with_reflection=with_reflection
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                progress = step_complete(
                    user=request.user, step=page, reflection=form.cleaned_data.get("reflection", "")
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"Sent for sign-off: {page.title}. Your coordinator will confirm it."
                    if progress.status == StepStatus.AWAITING_SIGN_OFF
                    else f"Done: {page.title}.",
                )
                return redirect(page.get_parent().get_parent().url)
        status = 400
    context = page.get_context(request, *args, **kwargs)
    context.update(form=form, status=step_status(user=request.user, step=page))
    return TemplateResponse(request, page.get_template(request), context, status=status)
