"""Bad input, each kind named: file names, methods, query strings and WebSocket floods get a clear JSON
answer (or a clean close) and nothing is stored for a refused request."""

import io

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from PIL import Image

from extraction import pipeline
from extraction.errors import ExtractionError
from sessions_app.models import ExtractionJob
from tests.conftest import make_upload
from tests.pdfs import make_pdf

pytestmark = pytest.mark.django_db


def _upload(api, session, name: str):
    return api.post(
        f"/api/sessions/{session.id}/upload-recipe?dish_name=Soup",
        {"file": make_upload(name=name)},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("../../etc/passwd.txt", "path-traversal"),
        ("..\\..\\windows\\system.ini.txt", "backslash-traversal"),
        ("soup\x00.txt", "nul"),
        ("so\x1b[31mup\r\n.txt", "control-characters"),
        ("x" * 500 + ".txt", "500-characters"),
        ("evil\u202etxt.exe", "right-to-left-override"),
        ("zero\u200bwidth\ufeff.txt", "invisible-characters"),
        ("ｓｏｕｐ.txt", "fullwidth"),
    ],
)
def test_a_hostile_file_name_is_stored_under_the_job_id_and_kept_only_sanitised(
    api, session, enqueued, name, kind
):
    response = _upload(api, session, name)
    assert response.status_code == 202, (kind, response.content[:300])
    job = ExtractionJob.objects.get()
    assert job.file.name == f"jobs/{job.id}"
    kept = job.original_filename
    assert kept and len(kept) <= 200, kind
    assert "/" not in kept and "\\" not in kept and ".." not in kept.replace("...", ""), kept
    assert all(ch.isprintable() for ch in kept), repr(kept)
    assert "\u202e" not in kept and "\u200b" not in kept and "\ufeff" not in kept


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/api/sessions/"),
        ("delete", "/api/sessions/{session}/"),
        ("get", "/api/sessions/{session}/upload-recipe"),
        ("patch", "/api/tasks/{task}/"),
        ("get", "/api/tasks/{task}/retry/"),
        ("delete", "/api/sessions/{session}/dishes/"),
    ],
)
def test_a_wrong_method_is_405_in_json(api, session, enqueued, method, path):
    _upload(api, session, "soup.txt")
    task = ExtractionJob.objects.get().id
    response = getattr(api, method)(path.format(session=session.id, task=task))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_huge_query_string_is_not_a_server_error(api, session):
    response = api.get(f"/api/sessions/{session.id}/?" + "x=" + "a" * 200_000)
    assert response.status_code == 200
    many = "&".join(f"k{n}=v" for n in range(5000))
    response = api.get(f"/api/sessions/?{many}")
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


def test_an_upload_with_a_huge_dish_name_in_the_query_is_400_and_stores_nothing(api, session):
    response = api.post(
        f"/api/sessions/{session.id}/upload-recipe?dish_name={'d' * 100_000}",
        {"file": make_upload()},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "dish_name_too_long"
    assert not ExtractionJob.objects.exists()


def test_a_flood_of_socket_messages_is_answered_in_order_and_leaves_the_socket_usable(
    user, session, settings
):
    from rest_framework.authtoken.models import Token

    from recipeplanner.asgi import application

    token, _ = Token.objects.get_or_create(user=user)

    async def scenario():
        ws = WebsocketCommunicator(
            application,
            f"/ws/{session.id}?last_event_id=0",
            headers=[(b"authorization", f"Token {token.key}".encode())],
        )
        connected, _ = await ws.connect()
        assert connected
        for _ in range(300):
            await ws.send_to(text_data='{"type": "ping"}')
        for _ in range(300):
            assert await ws.receive_json_from(timeout=10) == {"type": "pong"}
        await ws.send_to(text_data='{"type": "nonsense"}')
        assert (await ws.receive_json_from())["code"] == "unknown_type"
        await ws.disconnect()

    async_to_sync(scenario)()


def _refused_or_empty(data: bytes, name: str) -> str:
    try:
        result = pipeline.extract(data, filename=name)
    except ExtractionError as error:
        return error.code
    return f"{len(result.ingredients)} ingredients"


def test_an_image_30000_pixels_wide_is_refused_cleanly():
    buffer = io.BytesIO()
    Image.new("L", (30000, 40), 255).save(buffer, "PNG")
    assert _refused_or_empty(buffer.getvalue(), "wide.png") in ("no_text", "too_complex", "corrupt_file")


def test_a_pdf_with_thousands_of_pages_is_refused_without_reading_them():
    pages = make_pdf([b"BT /F1 12 Tf 72 720 Td (x) Tj ET"] * 3000)
    assert _refused_or_empty(pages, "pages.pdf") == "too_complex"
