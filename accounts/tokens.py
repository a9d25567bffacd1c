"""API tokens: issue, revoke, and authenticate requests that carry one.

A key is `envoy_` followed by 43 random URL-safe characters. The database keeps its SHA-256
hash (enough for a key of 256 random bits) and its first characters to tell keys apart.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions

from accounts.models import ApiToken

KEY_PREFIX = "envoy_"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_issue(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user; returns it with the key, which is not stored anywhere."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", prefix=key[:12], key_hash=key_hash(key)
    )
    return token, key


def token_revoke(user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when there is no such active token."""
    return bool(
        ApiToken.objects.active().filter(user=user, pk=token_id).update(revoked=timezone.now())
    )


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`)."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token as: Authorization: Token <key>.")
        key = header[1].decode(errors="replace")
        token = (
            ApiToken.objects.active().select_related("user").filter(key_hash=key_hash(key)).first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Token realm="api"'
