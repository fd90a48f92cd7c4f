"""WebSocket authentication: `Authorization: Token <key>` for scripts, beside the browser's session cookie."""

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth.models import AnonymousUser
from rest_framework.authtoken.models import Token


@database_sync_to_async
def _user_for_token(key: str):
    try:
        token = Token.objects.select_related("user").get(key=key)
    except Token.DoesNotExist:
        return AnonymousUser()
    return token.user if token.user.is_active else AnonymousUser()


class TokenAuthMiddleware(BaseMiddleware):
    """Replace the cookie user with the token's user when the handshake carries a token header."""

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        auth = headers.get(b"authorization", b"").decode("latin-1").split()
        if len(auth) == 2 and auth[0].lower() == "token":
            scope = dict(scope, user=await _user_for_token(auth[1]), auth_method="token")
        else:
            scope = dict(scope, auth_method="cookie")
        return await super().__call__(scope, receive, send)
