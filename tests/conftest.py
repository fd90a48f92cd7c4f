"""Shared fixtures and make_* helpers for the fast unit tests (in-memory channel layer, tasks called directly)."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

RECIPE_TEXT = """Pancakes

Serves 4

Ingredients
200 g plain flour
2 large eggs
300 ml milk
1 tbsp sunflower oil, plus extra for frying
a pinch of salt

Method
1. Whisk everything into a smooth batter.
2. Fry ladlefuls in a hot pan until golden on both sides.
"""


@pytest.fixture(autouse=True)
def _isolated_services(settings, tmp_path):
    """No Redis for unit tests, and uploads in a fresh folder per test."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.UPLOAD_THROTTLE_RATE = "off"


def make_user(username: str = "host"):
    from django.contrib.auth.models import User

    return User.objects.create_user(username=username, password="a-long-password-1")


def make_client(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def make_session(owner, *, title: str = "Friday dinner", dishes: tuple[str, ...] = ("Soup",)):
    from sessions_app import services

    return services.session_create(owner=owner, title=title, dish_names=list(dishes))


def make_upload(content: bytes = RECIPE_TEXT.encode(), name: str = "pancakes.txt", content_type="text/plain"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_png(text: str = "") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def enqueued(monkeypatch):
    """The job ids handed to the broker (the broker itself is exercised by the integration tests)."""
    from sessions_app.tasks import extract_recipe_job

    calls = []
    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: calls.append(args[0]))
    return calls


@pytest.fixture
def user(db):
    return make_user("host")


@pytest.fixture
def other_user(db):
    return make_user("stranger")


@pytest.fixture
def client_for(db):
    return make_client


@pytest.fixture
def api(user):
    return make_client(user)


@pytest.fixture
def session(user):
    return make_session(user)


@pytest.fixture
def unknown_id():
    return uuid.uuid4()
