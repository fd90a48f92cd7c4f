"""Upload validation: size counted while the body streams in, type decided by the file's own bytes."""

import logging
import uuid

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from redis.exceptions import RedisError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import UserRateThrottle

from extraction.errors import EmptyFile, UnsupportedFileType
from extraction.filetypes import SNIFF_BYTES, unsupported_sentence
from extraction.sniff import sniff_mime

logger = logging.getLogger(__name__)

# Room for the multipart boundaries and headers around the file itself.
MULTIPART_OVERHEAD = 16 * 1024


class UploadError(APIException):
    """An upload refused with a JSON `detail` and `code`."""

    def __init__(self, detail: str, code: str, status_code: int = status.HTTP_400_BAD_REQUEST):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code


def too_many_jobs() -> UploadError:
    """The 429 for a user at MAX_JOBS_IN_FLIGHT."""
    return UploadError(
        "Too many of your recipes are still being read. Wait for some to finish, then try again.",
        "too_many_jobs",
        status.HTTP_429_TOO_MANY_REQUESTS,
    )


def too_large() -> UploadError:
    limit_mib = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
    return UploadError(
        f"The file is larger than the {limit_mib:g} MiB limit.",
        "file_too_large",
        status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


def check_content_length(meta: dict) -> None:
    """Refuse an oversized body from its declared length, before a byte of it is parsed."""
    try:
        length = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise UploadError("The Content-Length header is not a number.", "bad_request") from None
    if length > settings.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD:
        raise too_large()


class SizeLimitUploadHandler(FileUploadHandler):
    """Counts the bytes of each file as they arrive and stops the upload past the limit."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            raise too_large()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def validate_dish_name(value: str | None) -> str:
    name = (value or "").strip()
    if not name:
        raise UploadError(
            "Say which dish this recipe is for: add ?dish_name=… to the request.", "dish_name_required"
        )
    if len(name) > settings.MAX_DISH_NAME_LENGTH:
        raise UploadError(
            f"The dish name is longer than {settings.MAX_DISH_NAME_LENGTH} characters.", "dish_name_too_long"
        )
    return name


def validate_upload(upload: UploadedFile | None) -> str:
    """Check an uploaded file and return its MIME type as sniffed from its bytes."""
    if upload is None:
        raise UploadError("Attach the recipe file in the multipart field “file”.", "file_required")
    if upload.size == 0:
        raise UploadError("The file is empty.", "empty_file")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise too_large()
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    try:
        return sniff_mime(head)
    except EmptyFile as exc:
        raise UploadError(str(exc), "empty_file") from None
    except UnsupportedFileType:
        raise UploadError(
            unsupported_sentence(),
            "unsupported_type",
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        ) from None


# One request of a sliding-window rate limit, atomically in Redis: drop the times that left the window,
# count the rest, and record this one only if the count is under the limit. Answers {1, ""} when allowed,
# else {0, seconds until the oldest request leaves the window}. Redis's own clock, so every web process
# on every machine agrees on the window.
_SLIDING_WINDOW = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('EXPIRE', KEYS[1], math.ceil(window))
  return {1, ''}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tostring(tonumber(oldest[2]) + window - now)}
"""


class UploadRateThrottle(UserRateThrottle):
    """Per-user upload rate from UPLOAD_THROTTLE_RATE (e.g. "60/minute"; "off" disables it).

    With the Redis cache (every deployment) the check and the count are one atomic step in Redis, so the
    limit holds across web processes and machines taking one user's uploads at once. DRF's own check
    (read the history, decide, write it back) let each of two processes admit the same last slot. Other
    cache backends (the unit tests' in-memory cache) keep DRF's check.
    """

    scope = "upload"
    _retry_after: float | None = None

    def get_rate(self) -> str | None:
        rate = settings.UPLOAD_THROTTLE_RATE
        return None if rate in ("", "off") else rate

    def allow_request(self, request, view) -> bool:
        """Whether this upload is within the user's rate; True while Redis is unreachable.

        An upload accepted during a Redis outage waits in the database and the sweeper queues it once
        Redis is back, while MAX_JOBS_IN_FLIGHT (counted in the database) still bounds each user.
        """
        try:
            backend = caches[DEFAULT_CACHE_ALIAS]  # what DRF's `cache` (a proxy) stands for
            if self.rate is None or not isinstance(backend, RedisCache):
                return super().allow_request(request, view)
            key = self.get_cache_key(request, view)
            if key is None:
                return True
            cache_key = backend.make_and_validate_key(key)
            client = backend._cache.get_client(cache_key, write=True)
            allowed, retry_after = client.eval(
                _SLIDING_WINDOW, 1, cache_key, self.duration, self.num_requests, uuid.uuid4().hex
            )
            if allowed:
                return True
            self._retry_after = float(retry_after)
            return False
        except (RedisError, ConnectionError) as exc:
            logger.warning("upload rate limit not checked, the cache is unreachable: %r", exc)
            return True

    def wait(self) -> float | None:
        """Seconds until the next upload would be allowed (the 429's Retry-After)."""
        if self._retry_after is not None:
            return max(self._retry_after, 1.0)
        return super().wait()
