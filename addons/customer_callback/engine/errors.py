"""Errors raised by the pure engine; the ORM turns them into translated errors."""


class CallbackRuleError(ValueError):
    """A value breaks a callback rule. ``code`` names the rule, ``params`` the
    values for the translated message built by the ORM layer."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params
