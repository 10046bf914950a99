"""The one error type the pipeline raises for bad input."""


class BuildError(Exception):
    """Bad input: printed as one line `file:line: message`, never a traceback."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
