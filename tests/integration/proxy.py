"""A small TCP proxy in front of daphne that can misbehave the way real networks do.

`block_websockets` answers WebSocket upgrades with 502, as a proxy without upgrade support does;
`go_offline()` cuts every connection and refuses new ones, as a sleeping laptop or a dropped network does;
`drop_websockets()` cuts the open sockets once and lets the page reconnect at once; `mute_websockets`
lets the upgrade through and then carries nothing, as a proxy that buffers or a mocked socket does.
"""

import socket
import threading

from .stack import free_port

HEADER_LIMIT = 64 * 1024


class Proxy:
    """Forwards 127.0.0.1:<port> to the target port; start() and stop() it (or use it as a context manager)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.block_websockets = False
        self.mute_websockets = False
        self.offline = False
        self.websocket_attempts = 0
        self._pairs: set[tuple[socket.socket, socket.socket, bool]] = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._running = False

    def start(self) -> "Proxy":
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._running = False
        self._listener.close()
        self._cut(websockets_only=False)

    def __enter__(self) -> "Proxy":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def go_offline(self) -> None:
        """Cut every open connection and refuse new ones until go_online()."""
        self.offline = True
        self._cut(websockets_only=False)

    def go_online(self) -> None:
        self.offline = False

    def drop_websockets(self) -> None:
        """Cut the WebSocket connections that are open now; new ones go through."""
        self._cut(websockets_only=True)

    def _cut(self, *, websockets_only: bool) -> None:
        with self._lock:
            pairs = [pair for pair in self._pairs if pair[2] or not websockets_only]
        for client, upstream, _ in pairs:
            for sock in (client, upstream):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if self.offline:
            client.close()
            return
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < HEADER_LIMIT:
                chunk = client.recv(4096)
                if not chunk:
                    client.close()
                    return
                head += chunk
        except OSError:
            client.close()
            return
        is_websocket = b"upgrade: websocket" in head.lower()
        if is_websocket:
            self.websocket_attempts += 1
        if self.offline or (is_websocket and self.block_websockets):
            if not self.offline:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
            upstream.settimeout(None)
            upstream.sendall(head)
        except OSError:
            client.close()
            return
        pair = (client, upstream, is_websocket)
        with self._lock:
            self._pairs.add(pair)
        muted = is_websocket and self.mute_websockets
        pumps = [
            threading.Thread(target=self._pump, args=(client, upstream, muted and "all"), daemon=True),
            threading.Thread(
                target=self._pump, args=(upstream, client, muted and "after-headers"), daemon=True
            ),
        ]
        for pump in pumps:
            pump.start()
        for pump in pumps:
            pump.join()
        with self._lock:
            self._pairs.discard(pair)
        for sock in (client, upstream):
            try:
                sock.close()
            except OSError:
                pass

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, mute: str | bool = False) -> None:
        """Copy bytes one way; a muted pump drops everything ("all") or all after the response headers."""
        headers = b""
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if mute == "all":
                    continue
                if mute == "after-headers":
                    if b"\r\n\r\n" in headers:
                        continue
                    headers += data
                    end = headers.find(b"\r\n\r\n")
                    if end >= 0:
                        data = data[: len(data) - (len(headers) - end - 4)]
                sink.sendall(data)
        except OSError:
            pass
        finally:
            # Half-close so the other direction can finish; the pair is closed when both are done.
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass
