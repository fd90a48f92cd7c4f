"""The channel layer: channels_redis's, with a process's shared receive kept whole when a socket closes."""

import asyncio

from channels_redis.core import RedisChannelLayer as BaseRedisChannelLayer


class RedisChannelLayer(BaseRedisChannelLayer):
    """channels_redis's Redis layer, except that a consumer leaving mid-receive no longer loses a message.

    A daphne process receives the messages for all its sockets from one Redis queue: whichever consumer
    holds the layer's receive lock pops the next message (BZPOPMIN, then a ZADD to a backup queue) and puts
    it in the buffer of the socket it is for. When that consumer's socket closes, Channels cancels it; a
    cancellation between BZPOPMIN's reply and the backup ZADD dropped the popped message, which belonged to
    another socket (django/channels_redis#366). Here the pop runs in a task of its own that the consumer's
    cancellation does not reach, and the next consumer to receive takes it over, so the message reaches the
    buffer of the socket it is for. Configured as CHANNEL_LAYERS' BACKEND.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A pop whose caller was cancelled, by channel: the next caller takes it over.
        self._orphaned_pops: dict[str, asyncio.Future] = {}

    async def receive_single(self, channel):
        """(channel name or names, message) popped from `channel`, as channels_redis returns it.

        For a process's shared queue ("...!") the pop outlives a cancelled caller and the next caller (the
        next holder of the receive lock) takes it over, message and all; other channels are received as
        channels_redis does.
        """
        if "!" not in channel:
            return await super().receive_single(channel)
        popping = self._orphaned_pops.pop(channel, None) or asyncio.ensure_future(
            super().receive_single(channel)
        )
        try:
            return await asyncio.shield(popping)
        except asyncio.CancelledError:
            self._orphaned_pops[channel] = popping
            raise
