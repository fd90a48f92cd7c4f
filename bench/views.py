"""Benchmark-only endpoints, served beside the real upload on the same daphne.

- NoopUploadView is the ceiling: the same token authentication, multipart parsing and size counting as the
  real upload, then a 202 without touching the database, the disk or Redis.
- SyncUploadView is the design this project replaced: it reads the ingredients inside the request and
  answers only when they are there (nothing is stored).
"""

import threading

from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from extraction import pipeline
from extraction.errors import ExtractionError
from sessions_app import uploads


class _UploadParsing(APIView):
    parser_classes = [MultiPartParser]

    def initial(self, request, *args, **kwargs):
        uploads.check_content_length(request.META)
        request._request.upload_handlers.insert(0, uploads.SizeLimitUploadHandler(request._request))
        super().initial(request, *args, **kwargs)


class NoopUploadView(_UploadParsing):
    def post(self, request, session_id):
        upload = request.FILES.get("file")
        mime_type = uploads.validate_upload(upload)
        return Response({"status": "pending", "mime_type": mime_type}, status=status.HTTP_202_ACCEPTED)


# pdfium (PDF pages) and the parser are not safe to run on several threads of one process at once: the
# design this replaced served its extractions one at a time per process, and so does this endpoint.
_EXTRACTING = threading.Lock()


class SyncUploadView(_UploadParsing):
    def post(self, request, session_id):
        upload = request.FILES.get("file")
        uploads.validate_upload(upload)
        try:
            with _EXTRACTING:
                extraction = pipeline.extract(upload.read(), filename=upload.name or "")
        except ExtractionError as exc:
            return Response({"detail": str(exc), "code": exc.code}, status=422)
        return Response(
            {"title": extraction.title, "ingredient_count": len(extraction.ingredients)},
            status=status.HTTP_200_OK,
        )
