"""What the settings ask of the environment: the CLI needs nothing, servers need a SECRET_KEY."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bare_environment(tmp_path: Path) -> dict[str, str]:
    """No SECRET_KEY, DEBUG, database or Redis: only what a shell has, plus the tagger data's folder."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    if "NLTK_DATA" in os.environ:
        env["NLTK_DATA"] = os.environ["NLTK_DATA"]
    return env


def test_extract_recipe_runs_without_secret_key_database_or_redis(tmp_path):
    recipe = tmp_path / "soup.txt"
    recipe.write_text(
        "Leek soup\n\nIngredients\n2 leeks, sliced\n1 litre vegetable stock\n\nMethod\nSimmer.\n"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "extract_recipe", "--json", str(recipe)],
        cwd=tmp_path,
        env=_bare_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert [item["text"] for item in line["ingredients"]] == ["2 leeks, sliced", "1 litre vegetable stock"]
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("module", ["recipeplanner.asgi", "recipeplanner.wsgi"])
def test_a_server_without_secret_key_refuses_to_start(tmp_path, module):
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        env=_bare_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check_with_debug_off_and_the_secret_from_the_environment(
    tmp_path,
):
    env = {
        **_bare_environment(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-" + "x" * 20,
        "ALLOWED_HOSTS": "planner.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_debug_off_cookies_are_secure_hsts_is_on_and_http_redirects_to_https(tmp_path):
    env = {**_bare_environment(tmp_path), "DEBUG": "0", "SECRET_KEY": "s" * 60}
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split()[-4:] == ["True", "True", "True", "True"], result.stdout + result.stderr
