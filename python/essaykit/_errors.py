"""The exceptions essaykit raises (analyze) or yields (batch), one class per library code."""

from typing import Optional


class Error(Exception):
    """An input essaykit could not read or refused to analyse.

    code     the library's stable code name ("binary", "too_large", ...), as in the
             CLI's messages and in the "code" of a batch error line
    message  the reason, for a person (without the path)
    path     the input's path, when there is one
    """

    code = "error"

    def __init__(self, message: str, path: Optional[str] = None) -> None:
        super().__init__(message if path is None else f"{path}: {message}")
        self.message = message
        self.path = path


class BinaryInput(Error, ValueError):
    """Binary data: a NUL byte, or over 10% control bytes or invalid UTF-8 (or UTF-16/32 without a BOM)."""

    code = "binary"


class TooLarge(Error, ValueError):
    """Larger than the size limit."""

    code = "too_large"


class RatioLimit(Error):
    """An archive entry that expands more than the limit allows (a likely zip bomb)."""

    code = "ratio_limit"


class DepthLimit(Error):
    """Folders or archives nested deeper than the limit."""

    code = "depth_limit"


class Unreadable(Error, OSError):
    """The file could not be opened or read (missing, a broken link, a FIFO, ...)."""

    code = "unreadable"


class CorruptArchive(Error):
    """The archive is damaged here: the entries before the damage were read."""

    code = "corrupt_archive"


class SymlinkRefused(Error):
    """A symbolic link not followed: it leads out of the folder given, or into a loop."""

    code = "symlink"


class AnalysisFailed(Error):
    """Analysing the entry failed unexpectedly (out of memory, say)."""

    code = "failed"


_BY_CODE = {
    cls.code: cls
    for cls in (BinaryInput, TooLarge, RatioLimit, DepthLimit, Unreadable, CorruptArchive, SymlinkRefused, AnalysisFailed)
}


def error_class(code: str) -> type:
    """The class for a library code name (Error itself for a code added after this module)."""
    return _BY_CODE.get(code, Error)
