"""Errors of the rotation engine."""


class EngineError(ValueError):
    """An event the rules refuse; ``code`` names the reason, ``params`` its
    values, so the ORM layer can raise a translated error."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params
