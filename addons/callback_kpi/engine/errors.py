"""Errors raised by the engine; the ORM layer turns them into translated
``ValidationError``s."""


class EngineError(ValueError):
    """Bad configuration or input (X-03): carries a code and its parameters so
    that the caller can translate the message."""

    def __init__(self, error_code, message, **params):
        super().__init__(message % params if params else message)
        self.code = error_code
        self.params = params
