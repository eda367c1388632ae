from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from learning.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or password is not right. Check them and try again.",
        "enter_current_password": "Enter your current password.",
        "incorrect_password": "The password is not right.",
        "incorrect_code": "The code is not right. Check your authenticator app and try again.",
        "too_many_login_attempts": "Too many failed login attempts. Wait 5 minutes, then try again, or reset your password.",
        "rate_limited": "You have tried this too many times. Wait a few minutes, then try again.",
    }

    def is_open_for_signup(self, request):
        # People join by asking (accounts:join), never by open sign-up.
        return settings.ACCOUNT_SIGNUP_OPEN

    def logout(self, request):
        """Signing out, on any host, signs the person out on every host: their
        sessions' auth hash includes `session_version` (User), which goes up."""
        user = request.user if request.user.is_authenticated else None
        super().logout(request)
        if user is not None:
            user.sessions_end()

    def get_client_ip(self, request):
        # The one client address (learning.client_address), so allauth's sign-in
        # lockout cannot be dodged with a made-up X-Forwarded-For. "unknown" (no
        # peer address, as over a Unix socket) shares one limit rather than none.
        return client_address(request) or "unknown"

    def is_safe_url(self, url):
        # A next= pointing anywhere but this host is ignored, never followed.
        return bool(url) and url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
