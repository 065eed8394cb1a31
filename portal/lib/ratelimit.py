"""A fixed-window rate limit kept in the cache, keyed on a salted hash.

Neither addresses nor IPs appear in cache keys: only an HMAC of them with
``SECRET_KEY``, so a cache dump reveals nothing personal.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(scope: str, value: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256
    ).hexdigest()
    return f"rl:{scope}:{digest[:40]}"


def hit(scope: str, value: str, *, limit: int, window: int) -> bool:
    """Count one use of ``value`` in ``scope``; False once over ``limit``."""
    key = _key(scope, value)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def client_ip(request: HttpRequest) -> str:
    # Behind the proxy of docker-compose.yml, gunicorn sets REMOTE_ADDR from
    # the trusted forwarded header (see --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "")
