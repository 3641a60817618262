from tests.qt_support import no_leaked_qt_objects

__all__ = ["no_leaked_qt_objects"]
