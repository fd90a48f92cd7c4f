"""Run the extraction pipeline on files from the command line, with no database or Redis."""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from extraction.errors import ExtractionError
from extraction.parsing import check_parser_ready, warm_up
from extraction.pipeline import extract

INGREDIENT_FIELDS = ("text", "group", "quantity", "quantity_max", "unit", "name", "preparation", "comment")


class Command(BaseCommand):
    help = "Extract the recipe (title, yield, ingredients) from each FILE and print it."
    # The pipeline needs neither the database nor migrations.
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")

    def handle(self, *args, files: list[str], json: bool = False, **options):
        try:
            check_parser_ready()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        warm_up()
        for name in files:
            result = self._extract_one(name)
            if json:
                self.stdout.write(_dumps(result))
            else:
                self.stdout.write(_listing(result))

    def _extract_one(self, name: str) -> dict:
        started = time.perf_counter()
        result: dict = {"file": name}
        try:
            data = Path(name).read_bytes()
            extraction = extract(data, filename=name)
        except OSError as error:
            result["error"] = f"The file could not be read: {error.strerror or error}."
        except ExtractionError as error:
            result["error"] = str(error)
            result["code"] = error.code
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
            result["error"] = "internal error"
            result["detail"] = repr(error)
        else:
            result.update(
                mime_type=extraction.mime_type,
                title=extraction.title,
                yields=extraction.yields,
                ingredients=[
                    {field: getattr(item, field) for field in INGREDIENT_FIELDS}
                    for item in extraction.ingredients
                ],
                warnings=extraction.warnings,
            )
        result["seconds"] = round(time.perf_counter() - started, 4)
        return result


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


def _listing(result: dict) -> str:
    lines = [f"== {result['file']}"]
    if "error" in result:
        lines.append(f"   error: {result['error']}")
    else:
        lines.append(f"   {result['mime_type']}  {result['title']!r}  yields {result['yields']!r}")
        for item in result["ingredients"]:
            quantity = item["quantity"]
            if item["quantity_max"] is not None:
                quantity = f"{quantity}-{item['quantity_max']}"
            lines.append(
                f"   - {item['text']}" + (f"   [{item['group']}]" if item["group"] else "") + "\n"
                f"       quantity={quantity} unit={item['unit']!r} name={item['name']!r}"
                + (f" preparation={item['preparation']!r}" if item["preparation"] else "")
                + (f" comment={item['comment']!r}" if item["comment"] else "")
            )
        lines.extend(f"   warning: {warning}" for warning in result["warnings"])
    lines.append(f"   ({result['seconds']:.3f} s)")
    return "\n".join(lines)
