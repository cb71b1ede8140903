"""What loading gives back: the rows and problems met (:class:`LoadResult`) and the load errors."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

from ..types import ErrorRecord, Level

# The errors are raised to notebook users as ``toolkit.load.X``, where they are imported from,
# so their tracebacks (and pickles) keep naming the public place rather than this module.
PUBLIC_MODULE = "toolkit.load"


class LoadError(ValueError):
    """An input could not be turned into articles; the message names the input.

    ``source`` is what its ``errors`` row names (None: the input as the user gave it).

    >>> str(LoadError("notes.csv: no 'text' column (columns are: body)"))
    "notes.csv: no 'text' column (columns are: body)"
    """

    __module__ = PUBLIC_MODULE

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle as ``cls(*args)``, which loses keyword-only arguments (a FetchError
        # crossing a worker process failed to unpickle): rebuild from the message and attributes.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


def _restore(cls: type[LoadError], message: str, state: dict[str, Any]) -> LoadError:
    """Rebuild a pickled load error (see ``LoadError.__reduce__``).

    >>> import pickle
    >>> e = pickle.loads(pickle.dumps(FetchError("x: HTTP 404", url="http://x.org", status=404)))
    >>> type(e).__name__, str(e), e.url, e.status, e.source
    ('FetchError', 'x: HTTP 404', 'http://x.org', 404, 'http://x.org')
    """
    accepts = inspect.signature(cls.__init__).parameters
    error = cls(message, **{k: v for k, v in state.items() if k in accepts})
    error.__dict__.update(state)
    return error


class InputNotFoundError(LoadError, FileNotFoundError):
    """A path names no file or folder (also a ``FileNotFoundError``, as ``open`` would raise).

    >>> isinstance(InputNotFoundError("/no/such.txt: no such file or folder"), FileNotFoundError)
    True
    """

    __module__ = PUBLIC_MODULE


class FetchError(LoadError, ConnectionError):
    """A URL could not be fetched: ``status`` is the HTTP status, ``timed_out`` says it timed out.

    >>> FetchError("http://x.org/a: the server answered HTTP 404 (Not Found)", url="http://x.org/a", status=404).status
    404
    """

    __module__ = PUBLIC_MODULE

    def __init__(self, message: str, *, url: str, status: int | None = None, timed_out: bool = False) -> None:
        super().__init__(message, source=url)
        self.url, self.status, self.timed_out = url, status, timed_out


@dataclass
class LoadResult:
    """Loaded rows plus the problems met on the way.

    >>> res = LoadResult()
    >>> res.error("x.txt", "x.txt: the file is empty")
    >>> res.errors[0].stage, res.errors[0].level
    ('load', 'error')
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    # The error the top-level input raised as a whole, re-raised when it was the only input.
    failure: LoadError | None = None

    def error(self, source: str, message: str, *, level: Level = "error", article_id: str | None = None) -> None:
        """Record a problem with one input item."""
        self.errors.append(ErrorRecord(article_id, source, "load", level, message))
