"""The error for a user mistake, shared by the Qt-free rooms and the CLI (exit status 2, one line)."""


class UserError(Exception):
    """Ends a `gdscope` command with exit status 2 and its message on one line of stderr."""
