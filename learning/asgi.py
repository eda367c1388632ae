"""ASGI entry point: HTTP through Django (django-tenants picks the schema),
WebSockets through origin checks (an allowed host, and the socket's own host)
→ region from Host → session auth → consumer."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from forums.routing import websocket_urlpatterns  # noqa: E402
from learning.regions.channels import (  # noqa: E402
    RegionFromHostMiddleware,
    SameHostOriginValidator,
)

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            SameHostOriginValidator(
                RegionFromHostMiddleware(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
            )
        ),
    }
)
