"""Development: `make run`. Embedded PostgreSQL and Redis unless URLs are given."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, BASE_DOMAIN, configure_stores

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = [BASE_DOMAIN, f".{BASE_DOMAIN}", "127.0.0.1"]
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "learning-network-demo")

if os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"):
    configure_stores(
        globals(), database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"]
    )
else:
    from learning.embedded import ensure_running

    _stores = ensure_running(BASE_DIR / "var" / "dev")
    configure_stores(globals(), database_url=_stores.database_url, redis_url=_stores.redis_url)

# Mail goes to the console unless an SMTP server is named.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Serve static files straight from the apps: no collectstatic step in dev and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
