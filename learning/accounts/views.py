from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods, require_POST

from learning import ratelimit
from learning.client_address import client_address
from learning.forms import apply_validation_error, search_query

from . import services
from .enums import JoinRequestStatus, Role
from .forms import DeclineForm, JoinRequestForm, RoleForm, WelcomeSetPasswordForm
from .hub_sign_in import home_sign_in_url
from .models import User
from .permissions import national_team_required, region_staff_required
from .selectors import join_requests_for, people
from .tokens import invitation_token

PAGE_SIZE = 25


# Asking to join is open to anyone: bound what one address or one email can send.
JOIN_LIMITS = (("join-ip", 20, 3600), ("join-email", 3, 86400))


def _join_rate_limited(request, email: str) -> bool:
    keys = {"join-ip": client_address(request) or "unknown", "join-email": email.lower()}
    return any(
        ratelimit.hit(action=action, key=keys[action], limit=limit, period_seconds=period)
        for action, limit, period in JOIN_LIMITS
    )


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _join_rate_limited(request, form.cleaned_data["email"]):
            return render(request, "429.html", status=429)
        try:
            services.join_request_submit(**form.cleaned_data, request=request)
        except ValidationError as error:
            apply_validation_error(form, error)
        except IntegrityError:
            # Two submissions at once: the one-pending-per-email constraint caught it.
            return redirect("accounts:join_done")
        else:
            return redirect("accounts:join_done")
    return render(request, "accounts/join.html", {"form": form}, status=400 if form.errors else 200)


def join_done(request):
    return render(request, "accounts/join_done.html")


@region_staff_required
def join_requests(request):
    status = request.GET.get("status", JoinRequestStatus.PENDING)
    if status not in JoinRequestStatus.values:
        status = JoinRequestStatus.PENDING
    page = Paginator(join_requests_for(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/join_requests.html",
        {"page_obj": page, "status": status, "statuses": JoinRequestStatus.choices},
    )


def _decidable_join_request(request, pk):
    return get_object_or_404(join_requests_for(request.user, status=None), pk=pk)


@region_staff_required
def join_request_detail(request, pk):
    join_request = _decidable_join_request(request, pk)
    return render(
        request,
        "accounts/join_request_detail.html",
        {"join_request": join_request, "decline_form": DeclineForm()},
    )


@region_staff_required
@require_POST
def join_request_approve(request, pk):
    join_request = _decidable_join_request(request, pk)
    try:
        user = services.join_request_approve(
            join_request=join_request, decided_by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:join_request_detail", pk=pk)
    messages.success(
        request, f"Approved. {user.full_name} has been emailed a link to set a password."
    )
    return redirect("accounts:join_requests")


@region_staff_required
@require_POST
def join_request_decline(request, pk):
    join_request = _decidable_join_request(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_decline(
                join_request=join_request,
                decided_by=request.user,
                reason=form.cleaned_data["decline_reason"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"Declined. {join_request.full_name} has been emailed the reason."
            )
            return redirect("accounts:join_requests")
    return render(
        request,
        "accounts/join_request_detail.html",
        {"join_request": join_request, "decline_form": form},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def welcome(request, uidb64, token):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not invitation_token.check_token(user, token):
        return render(request, "accounts/welcome_invalid.html", status=400)
    form = WelcomeSetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.user_set_first_password(
            user=user, password=form.cleaned_data["new_password1"], request=request
        )
        return _signed_in_after_welcome(request, user)
    return render(
        request, "accounts/welcome.html", {"form": form, "invited": user},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _signed_in_after_welcome(request, user):
    """Sign the newcomer in (through allauth, audited like any sign-in) and take them
    to their region's home page, on its host, through the hub's hand-over."""
    from allauth.account.internal.flows.login import perform_login, record_authentication
    from allauth.account.models import Login

    record_authentication(request, user, method="password", email=user.email)
    response = perform_login(request, Login(user=user, email=user.email))
    if not request.user.is_authenticated:  # a stage (say a second factor) needs them first
        return response
    messages.success(request, "Your password is set and you are signed in. Welcome.")
    return redirect(home_sign_in_url(user))


@national_team_required
def people_list(request):
    query = search_query(request)
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    page = Paginator(people(query=query, role=role), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people.html",
        {"page_obj": page, "query": query, "role": role, "roles": Role.choices},
    )


@national_team_required
@require_http_methods(["GET", "POST"])
def person_role(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = RoleForm.for_user(person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_role(
                user=person,
                role=form.cleaned_data["role"],
                pcn=form.cleaned_data["pcn"],
                ccg=form.cleaned_data["ccg"],
                regions=list(form.cleaned_data["regions"]),
                changed_by=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{person.full_name} is now: {person.get_role_display()}.")
            return redirect("accounts:people")
    return render(
        request, "accounts/person_role.html", {"person": person, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip
