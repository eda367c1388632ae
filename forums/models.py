from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse


class Category(models.Model):
    """A forum category in one region (this table lives in each region's schema)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


POST_MAX_LENGTH = 10_000
# Reasons members and moderators give (reports, hiding, suspensions).
REPORT_REASON_MAX_LENGTH = 1000
# Members may correct their own post for this long after posting.
EDIT_WINDOW = timedelta(minutes=30)

# Authors are shared (public) users. DO_NOTHING, because Django's delete collector
# would otherwise look for a user's posts in whatever schema is active (the hub
# has no forum tables). The database constraint still refuses deleting someone
# who has posted anywhere: people leave by being deactivated, which keeps the
# forums' history readable.
TITLE_MAX_LENGTH = 150


class Thread(models.Model):
    """A conversation in one category of one region's forums."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="forum_threads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    # Hidden by a moderator: gone from lists and closed to replies, kept for the record.
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["-pinned", "-last_post_at"]
        indexes = [models.Index(fields=["category", "-pinned", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", args=[self.pk])


class Post(models.Model):
    """One message in a thread. The Markdown is kept; the sanitised HTML is what is shown."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="forum_posts"
    )
    body = models.TextField(max_length=POST_MAX_LENGTH)
    body_html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    # Why a moderator hid it: shown to its author in the thread and emailed to them.
    hidden_reason = models.TextField(max_length=REPORT_REASON_MAX_LENGTH, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} in {self.thread}"

    def editable_until(self):
        return self.created_at + EDIT_WINDOW


class ReportReason(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding concern: someone may be at risk of harm"
    PERSONAL_DATA = "personal_data", "It shares personal data about someone"
    OFFENSIVE = "offensive", "It is offensive or abusive"
    SPAM = "spam", "It is spam or advertising"
    OTHER = "other", "Something else"


class Report(models.Model):
    """A member's report of a post to the region's moderators (its learning coordinators)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    reason = models.CharField(
        max_length=20, choices=ReportReason.choices, default=ReportReason.OTHER
    )
    # The member's own words: optional, except for "other".
    note = models.TextField(max_length=REPORT_REASON_MAX_LENGTH, blank=True)
    # Kept as a column (set from `reason`) for the queue's order and its index.
    safeguarding = models.BooleanField(
        default=False, help_text="Someone may be at risk of harm: coordinators are emailed at once."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-safeguarding", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report_per_member_post")
        ]
        indexes = [models.Index(fields=["resolved_at", "-safeguarding", "created_at"])]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}"


class Suspension(models.Model):
    """A member kept out of posting in this region's forums until `until`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    until = models.DateTimeField()
    reason = models.TextField(max_length=REPORT_REASON_MAX_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "until"])]

    def __str__(self) -> str:
        return f"Suspension of {self.user_id} until {self.until:%Y-%m-%d}"


class PostRevision(models.Model):
    """What a post said before each edit, kept for moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=POST_MAX_LENGTH)
    body_html = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier version of post {self.post_id}"


class HelpfulMark(models.Model):
    """A member found this reply helpful (once each; not their own)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_helpful_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} found post {self.post_id} helpful"


class Subscription(models.Model):
    """A member follows one thread (replies) or one whole category (new threads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(category__isnull=True),
                name="subscription_to_a_thread_or_a_category",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="one_subscription_per_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="one_subscription_per_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread or self.category}"


class ThreadRead(models.Model):
    """How far a member has read a thread: posts after `last_read_post_id` are unread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_read_marker_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to post {self.last_read_post_id}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "replied in a thread you follow"
    MENTION = "mention", "mentioned you"
    THREAD = "thread", "started a thread in a category you follow"


class Notification(models.Model):
    """Something in these forums for one member: one per member per post at most."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the notification has gone out by email, straight away or in a digest.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_notification_per_post")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id}"


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", "Straight away"
    DAILY = "daily", "Once a day, in a digest"
    NEVER = "never", "Never: I will check on the site"


class NotificationPreference(models.Model):
    """How a member wants this region's forum notifications emailed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    email = models.CharField(
        max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"
