"""Errors meant for people: shown as one line, never as a traceback."""


class CliError(Exception):
    """A user-facing error: the CLI prints it on one line and exits with status 2."""
