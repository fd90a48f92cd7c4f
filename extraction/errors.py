"""Errors for input the pipeline cannot use; each is permanent and carries a sentence for the user."""

from __future__ import annotations


class ExtractionError(Exception):
    """A file the pipeline cannot turn into a recipe; never worth retrying."""

    code = "extraction_error"
    default_message = "We could not read a recipe from this file."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class UnsupportedFileType(ExtractionError):
    code = "unsupported_type"

    def __init__(self, message: str | None = None) -> None:
        # The sentence lists the allowed kinds from the one table of them.
        from .filetypes import unsupported_sentence

        super().__init__(message or unsupported_sentence())


class EmptyFile(ExtractionError):
    code = "empty_file"
    default_message = "This file is empty. Please upload a file that contains the recipe."


class CorruptFile(ExtractionError):
    code = "corrupt_file"
    default_message = "This file seems to be damaged and could not be opened. Please upload another copy."


class EncryptedFile(ExtractionError):
    code = "encrypted_file"
    default_message = "This PDF is password-protected. Please upload an unprotected copy."


class FileTooComplex(ExtractionError):
    code = "too_complex"
    default_message = "This file is too large or too complex to process. Please upload a smaller file."


class NoTextFound(ExtractionError):
    code = "no_text"
    default_message = (
        "We could not find any text in this file. If it is a photo, please upload a sharper, "
        "well-lit picture of the recipe."
    )


class NoIngredientsFound(ExtractionError):
    code = "no_ingredients"
    default_message = "We could not find a list of ingredients in this file. Is it a recipe?"


# Raised into running code from a signal handler by the host that runs the pipeline (Celery's soft and hard
# time limits, by these names); the library names them rather than importing the host.
_INTERRUPTS = frozenset({"SoftTimeLimitExceeded", "TimeLimitExceeded"})


def reraise_interrupt(exc: BaseException) -> None:
    """Re-raise `exc` when it is a host's time limit, so a catch-all for odd input never swallows it."""
    if type(exc).__name__ in _INTERRUPTS:
        raise exc
