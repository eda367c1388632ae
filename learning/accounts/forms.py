from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from learning.forms import NHSFormMixin
from learning.regions.models import Region

from .enums import JOINABLE_ROLES, Role
from .models import CCG, PCN, User


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PCNsByCCG(ModelChoiceIterator):
    """PCNs grouped under their CCG and region, so a long list stays findable."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for pcn in self.queryset:
            groups.setdefault(f"{pcn.ccg.name} ({pcn.ccg.region.name})", []).append(
                self.choice(pcn)
            )
        yield from groups.items()


class PCNChoiceField(forms.ModelChoiceField):
    iterator = PCNsByCCG

    def label_from_instance(self, obj):
        return obj.name


class ByRegion(ModelChoiceIterator):
    """One <optgroup> per region, labelled with the region's name: without JavaScript
    the lists are grouped, and static/js/join-regions.js shows only the chosen
    region's group."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for obj in self.queryset:
            groups.setdefault(self.field.region_of(obj).name, []).append(self.choice(obj))
        yield from groups.items()


class JoinPCNField(forms.ModelChoiceField):
    iterator = ByRegion

    def region_of(self, pcn):
        return pcn.ccg.region

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.ccg.name})"


class JoinCCGField(forms.ModelChoiceField):
    iterator = ByRegion

    def region_of(self, ccg):
        return ccg.region

    def label_from_instance(self, obj):
        return obj.name


class JoinRequestForm(NHSFormMixin, forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter your full name."}
    )
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        error_messages={
            "required": "Enter your work email address.",
            "invalid": "Enter an email address in the right format, like name@nhs.net.",
        },
        help_text="Use your NHS or employer email. We send your invitation here.",
    )
    role = forms.ChoiceField(
        label="Your role",
        choices=[(r.value, r.label) for r in JOINABLE_ROLES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select your role.",
            "invalid_choice": "Select one of the roles listed.",
        },
    )
    region = RegionChoiceField(
        label="Region you work in",
        queryset=Region.objects.regional(),
        empty_label="Choose a region",
        error_messages={
            "required": "Choose the region you work in.",
            "invalid_choice": "Choose one of the regions in the list.",
        },
    )
    pcn = JoinPCNField(
        label="Primary care network (if you are a link worker)",
        queryset=PCN.objects.select_related("ccg__region").order_by(
            "ccg__region__name", "ccg__name", "name"
        ),
        required=False,
        empty_label="Choose your PCN",
        help_text="The PCN that employs you. The list is grouped by region.",
        error_messages={"invalid_choice": "Choose a PCN from the list."},
    )
    ccg = JoinCCGField(
        label="CCG (if you are a CCG lead)",
        queryset=CCG.objects.select_related("region").order_by("region__name", "name"),
        required=False,
        empty_label="Choose your CCG",
        help_text="The list is grouped by region.",
        error_messages={"invalid_choice": "Choose a CCG from the list."},
    )
    reason = forms.CharField(
        label="Why do you want to join?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: new link worker starting in March. Up to 1,000 characters.",
        error_messages={"required": "Say why you want to join."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for one role each: not "(optional)", and checked in clean().
        for name in ("pcn", "ccg"):
            self.fields[name].conditional = True

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise ValidationError("Enter your full name.")
        return name

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.LINK_WORKER and not data.get("pcn"):
            self.add_error("pcn", "Choose the primary care network that employs you.")
        if role == Role.CCG_LEAD and not data.get("ccg"):
            self.add_error("ccg", "Choose the CCG you lead social prescribing for.")
        region, pcn, ccg = data.get("region"), data.get("pcn"), data.get("ccg")
        if (
            region is not None
            and role == Role.LINK_WORKER
            and pcn
            and pcn.ccg.region_id != region.pk
        ):
            self.add_error(
                "pcn",
                f"{pcn.name} is in {pcn.ccg.region.name}, not {region.name}: choose a PCN "
                f"in {region.name}, or change the region.",
            )
        if region is not None and role == Role.CCG_LEAD and ccg and ccg.region_id != region.pk:
            self.add_error(
                "ccg",
                f"{ccg.name} is in {ccg.region.name}, not {region.name}: choose a CCG "
                f"in {region.name}, or change the region.",
            )
        return data


class DeclineForm(NHSFormMixin, forms.Form):
    decline_reason = forms.CharField(
        label="Reason for declining",
        max_length=1000,
        error_messages={"required": "Say why, so the person knows what to do next."},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The person sees this in their email. Say what they can do next.",
    )


class RoleForm(NHSFormMixin, forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    pcn = PCNChoiceField(
        label="Primary care network (link workers)",
        queryset=PCN.objects.select_related("ccg__region").order_by(
            "ccg__region__name", "ccg__name", "name"
        ),
        required=False,
    )
    ccg = forms.ModelChoiceField(
        label="CCG (CCG leads)", queryset=CCG.objects.order_by("name"), required=False
    )
    regions = forms.ModelMultipleChoiceField(
        label="Regions coordinated (learning coordinators)",
        queryset=Region.objects.regional(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def for_user(cls, user: User, data=None):
        return cls(
            data,
            initial={
                "role": user.role,
                "pcn": user.pcn_id,
                "ccg": user.ccg_id,
                "regions": list(user.coordinated_regions.all()),
            },
        )


class WelcomeSetPasswordForm(NHSFormMixin, SetPasswordForm):
    pass
