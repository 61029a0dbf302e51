"""`NewsFlask.ensure_sync` answers as Flask's does, remembering per function."""
from __future__ import annotations

from service.app import NewsFlask


def test_sync_functions_and_methods_are_returned_as_they_are():
    app = NewsFlask(__name__)

    def plain():
        return 1

    class View:
        def get(self):
            return 2

    assert app.ensure_sync(plain) is plain
    first, second = View().get, View().get
    assert app.ensure_sync(first) is first and app.ensure_sync(second) is second
    assert set(app._coroutines) == {plain, View.get}  # methods remembered by their function


def test_coroutines_go_to_async_to_sync_every_time(monkeypatch):
    app = NewsFlask(__name__)
    wrapped = []
    monkeypatch.setattr(app, "async_to_sync", lambda func: wrapped.append(func) or "wrapped")

    async def coroutine():
        return 1

    assert app.ensure_sync(coroutine) == app.ensure_sync(coroutine) == "wrapped"
    assert wrapped == [coroutine, coroutine]


def test_the_memory_is_bounded_and_unhashable_callables_still_answer(monkeypatch):
    app = NewsFlask(__name__)
    monkeypatch.setattr(NewsFlask, "COROUTINE_MEMORY", 3)
    functions = [(lambda i=i: i) for i in range(10)]
    for function in functions:
        assert app.ensure_sync(function) is function
    assert len(app._coroutines) <= 3

    class Unhashable:
        __hash__ = None

        def __call__(self):
            return 3

    callable_ = Unhashable()
    assert app.ensure_sync(callable_) is callable_
