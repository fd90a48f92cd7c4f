"""Exit 0 when a Redis server answers PING at the URL given as the only argument, 1 otherwise."""

import sys

import redis

try:
    redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1, socket_timeout=1).ping()
except (redis.RedisError, OSError, ValueError):
    sys.exit(1)
