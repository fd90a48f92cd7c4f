"""The app's URLs plus two endpoints that exist only in the benchmark (bench/views.py)."""

from django.urls import path

from bench import views
from recipeplanner.urls import urlpatterns as app_urlpatterns

urlpatterns = [
    path("bench/noop/<uuid:session_id>", views.NoopUploadView.as_view()),
    path("bench/sync/<uuid:session_id>", views.SyncUploadView.as_view()),
    *app_urlpatterns,
]
