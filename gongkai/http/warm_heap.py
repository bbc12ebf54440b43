"""Keep Python's garbage collector off the objects a web process keeps for its whole life.

A worker builds, in its first requests, everything it will keep: compiled templates, the
translation catalogues, URL resolvers, model metadata. Every full collection of Python's
garbage collector then walks all of them again, in the middle of whatever request triggered
it: the slowest 1 % of a catalogue page's first renders took 119 ms against a median of 26 ms
(through gunicorn, docs/performance.md). After the first `after` requests this wrapper
collects once and moves every surviving object into the permanent generation
(`gc.freeze()`), which later collections skip: the slowest 1 % fell to 36–38 ms.

What it costs: one full collection during request number `after` of each process, and
objects alive at that moment are never collected afterwards (they are, by then, the process's
long-lived state). It wraps the WSGI application only (gongkai/wsgi.py), so tests and the
development server are unaffected."""

import gc
import threading
from collections.abc import Callable, Iterable


class FreezeAfterWarmUp:
    """A WSGI application that freezes the heap once, before serving request `after`."""

    def __init__(self, application: Callable, *, after: int) -> None:
        self.application = application
        self.after = after
        self.served = 0
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.served < self.after:
            with self._lock:
                self.served += 1
                if self.served == self.after:
                    gc.collect()
                    gc.freeze()
        return self.application(environ, start_response)


def warm_heap_frozen(application: Callable, *, after: int) -> Callable:
    """`application` wrapped to freeze the heap after `after` requests; 0: left as it is."""
    return FreezeAfterWarmUp(application, after=after) if after > 0 else application
