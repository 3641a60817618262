"""The error every `gdscope` sub-command raises for a user mistake (declared Qt-free in app/errors.py)."""

from app.errors import UserError

__all__ = ["UserError"]
