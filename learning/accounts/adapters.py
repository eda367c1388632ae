from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # People join by asking (accounts:join), never by open sign-up.
        return settings.ACCOUNT_SIGNUP_OPEN

    def is_safe_url(self, url):
        # A next= pointing anywhere but this host is ignored, never followed.
        return bool(url) and url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
