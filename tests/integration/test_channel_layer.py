"""The channel layer against a real Redis: a socket that closes mid-receive takes no one else's message."""

import asyncio

import pytest
from channels_redis.core import RedisChannelLayer as ChannelsRedisLayer

from notifications.layers import RedisChannelLayer

pytestmark = pytest.mark.integration


async def _closing_mid_receive(layer_class, redis_url: str) -> dict | None:
    """What socket B receives after socket A, receiving for the whole process, is cancelled mid-pop.

    A's pop is held between BZPOPMIN's reply (B's message) and the backup ZADD, the moment A's socket closes;
    the message comes from another process's layer, as a worker's broadcast does. None when B gets nothing.
    """
    hosts = [{"address": redis_url, "socket_timeout": None}]
    layer, sender = layer_class(hosts=hosts), ChannelsRedisLayer(hosts=hosts)
    socket_a, socket_b = await layer.new_channel(), await layer.new_channel()
    connection = layer.connection(layer.consistent_hash(layer.non_local_name(socket_a)))
    popped, release = asyncio.Event(), asyncio.Event()
    zadd = connection.zadd

    async def held_zadd(*args, **kwargs):
        popped.set()
        await release.wait()
        return await zadd(*args, **kwargs)

    connection.zadd = held_zadd
    try:
        receiving_for_a = asyncio.ensure_future(layer.receive(socket_a))
        await asyncio.sleep(0.2)  # A now holds the process's receive, blocked in BZPOPMIN
        await sender.send(socket_b, {"type": "session.event", "event": {"event_id": 7}})
        await asyncio.wait_for(popped.wait(), 5)
        receiving_for_a.cancel()  # A's socket closes
        with pytest.raises(asyncio.CancelledError):
            await receiving_for_a
    finally:
        connection.zadd = zadd
        release.set()
    try:
        return await asyncio.wait_for(layer.receive(socket_b), 7)
    except TimeoutError:
        return None
    finally:
        await layer.flush()


def test_a_socket_closing_mid_receive_does_not_lose_another_sockets_message(stack):
    message = asyncio.run(_closing_mid_receive(RedisChannelLayer, stack.redis_url))
    assert message == {"type": "session.event", "event": {"event_id": 7}}


def test_channels_redis_alone_loses_it(stack):
    """The loss the layer above repairs (django/channels_redis#366); this fails once upstream fixes it."""
    assert asyncio.run(_closing_mid_receive(ChannelsRedisLayer, stack.redis_url)) is None
