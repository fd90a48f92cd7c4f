"""Create or update a login and print its username, password and API token."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Create or update a user (a superuser unless --no-superuser) and print its username, password and "
        "API token. Without --password the password comes from ADMIN_PASSWORD (for admin), else "
        "from var/<username>-password, else a new one is generated and saved there (mode 600)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", help="set this password instead of the saved or generated one")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-superuser", action="store_true", help="an ordinary user, not staff")

    def handle(self, *args, username: str, password: str | None, email: str, no_superuser: bool, **options):
        if not password and username == "admin":
            password = os.environ.get("ADMIN_PASSWORD")
        password = password or self._saved_or_new_password(username)
        is_superuser = not no_superuser
        with transaction.atomic():
            user, _ = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
            changed = []
            if not user.check_password(password):
                # Only when it differs, so a second run leaves the row as it was.
                user.set_password(password)
                changed.append("password")
            for field, value in (
                ("is_superuser", is_superuser),
                ("is_staff", is_superuser),
                ("is_active", True),
            ):
                if getattr(user, field) != value:
                    setattr(user, field, value)
                    changed.append(field)
            if changed:
                user.save()
            token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(f"username: {username}\npassword: {password}\ntoken: {token.key}")

    def _saved_or_new_password(self, username: str) -> str:
        path = settings.VAR_DIR / f"{username}-password"
        if path.exists():
            return path.read_text().strip()
        password = secrets.token_urlsafe(12)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created with mode 600 from the start, so the password is never readable by others.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(password + "\n")
        return password
