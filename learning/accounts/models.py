from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from learning.regions.models import Region

from .enums import JoinRequestStatus, Role


class CCG(models.Model):
    """A clinical commissioning group: the area a CCG social prescribing lead covers."""

    name = models.CharField(max_length=200)
    code = models.CharField(max_length=10, unique=True, help_text="ODS code, e.g. 01A")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="ccgs")

    class Meta:
        ordering = ["name"]
        verbose_name = "CCG"
        verbose_name_plural = "CCGs"

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.region_id and self.region.is_hub:
            raise ValidationError(
                {"region": "Choose one of the seven regions, not the national hub."}
            )


class PCN(models.Model):
    """A primary care network, which employs link workers."""

    name = models.CharField(max_length=200)
    code = models.CharField(max_length=10, unique=True, help_text="ODS code, e.g. U12345")
    ccg = models.ForeignKey(CCG, on_delete=models.PROTECT, related_name="pcns")

    class Meta:
        ordering = ["name"]
        verbose_name = "PCN"
        verbose_name_plural = "PCNs"

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.NATIONAL)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. National: training records follow them between regions."""

    email = models.EmailField("work email", max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LINK_WORKER)
    pcn = models.ForeignKey(
        PCN, null=True, blank=True, on_delete=models.PROTECT, related_name="link_workers"
    )
    ccg = models.ForeignKey(
        CCG, null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    coordinated_regions = models.ManyToManyField(
        Region, blank=True, related_name="coordinators",
        help_text="Regions this learning coordinator runs.",
    )  # fmt: skip
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can sign in to the Wagtail admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    session_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up when the person signs out: every session ends.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret=None):
        # Django's hash of the password, with the session version in it once there is one,
        # so signing out on one host (sessions_end) signs every host's session out.
        # Version 0 keeps Django's own value: sessions from before this stay signed in.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        value = (
            self.password if not self.session_version else f"{self.password}:{self.session_version}"
        )
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def sessions_end(self) -> None:
        """Sign this person out of every session, on every host (and their sockets:
        learning.accounts.signal_handlers bumps the access version)."""
        self.session_version = F("session_version") + 1
        self.save(update_fields=["session_version"])
        self.refresh_from_db(fields=["session_version"])

    @property
    def home_region(self) -> Region | None:
        """The region a link worker or CCG lead belongs to through their organisation."""
        if self.pcn_id:
            return self.pcn.ccg.region
        if self.ccg_id:
            return self.ccg.region
        return None

    @property
    def is_national_team(self) -> bool:
        return self.role == Role.NATIONAL


class JoinRequest(models.Model):
    """Someone asking to join the network; decided by the national team or the region's coordinators."""

    full_name = models.CharField(max_length=150)
    email = models.EmailField("work email", max_length=254)
    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="join_requests")
    pcn = models.ForeignKey(PCN, null=True, blank=True, on_delete=models.PROTECT)
    ccg = models.ForeignKey(CCG, null=True, blank=True, on_delete=models.PROTECT)
    reason = models.TextField(max_length=1000)
    status = models.CharField(
        max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(max_length=1000, blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="join_requests"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One open request per address: a second ask while one waits is refused.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status=JoinRequestStatus.PENDING),
                name="join_request_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> ({self.get_status_display()})"

    @property
    def organisation(self):
        return self.pcn or self.ccg
