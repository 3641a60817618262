"""The error every `gdscope` sub-command raises for a user mistake (exit status 2, one line)."""


class UserError(Exception):
    """Ends the command with exit status 2 and its message on one line of stderr."""
