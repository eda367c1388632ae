from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """One-time links for approved joiners to set their first password.

    The token hashes the password and last sign-in, so it stops working once
    used; it also expires after PASSWORD_RESET_TIMEOUT.
    """

    key_salt = "learning.accounts.tokens.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()
