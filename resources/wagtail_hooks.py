"""The admin's list of corrections readers sent: a CCG lead sees those to their own
CCG's resources, the national team every one. Read-only: a correction is a record of
what was asked and by whom; the lead acts on it by editing the resource."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from learning.accounts.enums import Role
from learning.accounts.models import User

from .models import Correction
from .selectors import corrections_visible_to


class CorrectionPermissionPolicy(BasePermissionPolicy):
    """Viewing only, and only the corrections `corrections_visible_to` gives."""

    def user_has_permission(self, user, action):
        return action == "view" and self._reader(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self._reader(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(role=Role.NATIONAL) | Q(role=Role.CCG_LEAD, ccg__isnull=False)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and corrections_visible_to(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(
            user, "view" if "view" in actions else "", instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Correction.objects.none()
        return corrections_visible_to(user)

    @staticmethod
    def _reader(user) -> bool:
        return (
            user.is_authenticated
            and user.is_active
            and (
                user.is_superuser
                or user.role == Role.NATIONAL
                or (user.role == Role.CCG_LEAD and user.ccg_id is not None)
            )
        )


register_permission_policy(Correction, CorrectionPermissionPolicy(Correction))


class CorrectionIndexView(IndexView):
    def get_base_queryset(self):
        return corrections_visible_to(self.request.user)


class CorrectionInspectView(InspectView):
    def get_object(self, queryset=None):
        # Another CCG's correction does not exist for a lead: 404, not 403.
        return get_object_or_404(corrections_visible_to(self.request.user), pk=self.pk)


class CorrectionViewSet(ModelViewSet):
    model = Correction
    icon = "comment"
    menu_label = "Resource corrections"
    name = "resource-corrections"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = CorrectionIndexView
    inspect_view_class = CorrectionInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["resource_title", "ccg_name", "sent_by", "created_at", "text"]
    list_display = ["summary", "resource_title", "ccg_name", "sent_by", "created_at"]
    ordering = ["-created_at"]
    # Never shown: the policy refuses adding and changing. ModelViewSet insists on one.
    form_fields = ["text"]


@hooks.register("register_admin_viewset")
def register_correction_viewset():
    return CorrectionViewSet()
