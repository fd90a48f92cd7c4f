from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("", views.account, name="account"),
    # login/, logout/ (POST), password_change/, password_reset/ and the rest of the reset flow.
    path("", include("django.contrib.auth.urls")),
]
