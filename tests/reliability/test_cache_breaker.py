"""After one Redis failure, a process skips the cache for a while instead of waiting each call."""

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from newsportal import cachebreaker
from newsportal.cachebreaker import BreakerConnection

from .helpers import free_port


@pytest.fixture(autouse=True)
def _closed_circuit():
    cachebreaker.reset()
    yield
    cachebreaker.reset()


def _nobody_listening():
    return BreakerConnection(host="127.0.0.1", port=free_port(), socket_connect_timeout=1)


def test_one_failure_opens_the_circuit_then_redis_is_tried_again(settings):
    settings.CACHE_BREAKER_SECONDS = 30
    with pytest.raises(RedisConnectionError) as first:
        _nobody_listening().connect()
    assert "circuit open" not in str(first.value)
    assert cachebreaker.is_open()
    with pytest.raises(RedisConnectionError, match="circuit open"):
        _nobody_listening().connect()
    with pytest.raises(RedisConnectionError, match="circuit open"):
        _nobody_listening().send_packed_command([b"PING"])
    cachebreaker.reset()  # what the passing of CACHE_BREAKER_SECONDS does
    with pytest.raises(RedisConnectionError) as retried:
        _nobody_listening().connect()
    assert "circuit open" not in str(retried.value)


def test_zero_seconds_turns_the_breaker_off(settings):
    settings.CACHE_BREAKER_SECONDS = 0
    with pytest.raises(RedisConnectionError):
        _nobody_listening().connect()
    assert not cachebreaker.is_open()


def test_skipped_calls_are_not_logged_one_traceback_each(settings):
    settings.CACHE_BREAKER_SECONDS = 30
    records = []
    for _ in range(2):
        try:
            _nobody_listening().connect()
        except RedisConnectionError as error:
            try:
                raise RuntimeError("ignored by django-redis") from error
            except RuntimeError as wrapped:
                records.append(
                    logging.LogRecord(
                        "django_redis.cache",
                        logging.ERROR,
                        "",
                        0,
                        "Exception ignored",
                        (),
                        (type(wrapped), wrapped, None),
                    )
                )
    keep = cachebreaker.SkipWhileOpen()
    assert [keep.filter(record) for record in records] == [True, False]
