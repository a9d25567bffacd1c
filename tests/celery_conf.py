"""Point the project's Celery app at another broker for one test, then put it back."""

from contextlib import contextmanager

from config.celery import app as celery_app


def _reset_connections() -> None:
    # Connection pools are kept per broker address; forget this app's, so the next publish
    # takes the pool of the broker now configured.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def celery_settings(**changes):
    saved = {key: celery_app.conf.get(key) for key in changes}
    celery_app.conf.update(changes)
    _reset_connections()
    try:
        yield celery_app
    finally:
        celery_app.conf.update(saved)
        _reset_connections()
