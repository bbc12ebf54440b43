"""Errors of signing in, signing up and the second factor, with a translated message."""


class AccountError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class LoginRefused(AccountError):
    """Wrong credentials, or an account that may not sign in here: one neutral message."""


class LoginLocked(AccountError):
    """Too many failed attempts: refused even with the right password until the lock ends."""


class SignupLinkInvalid(AccountError):
    pass


class SecondFactorError(AccountError):
    pass
