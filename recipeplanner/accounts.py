"""Pages a person uses to get an account and to find the API token of the one they have."""

from django import forms
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token


class SignupForm(UserCreationForm):
    """Django's sign-up form with an optional email address, which password resets are sent to."""

    email = forms.EmailField(
        required=False, label="Email", help_text="Optional: where a password reset link is sent."
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


@require_http_methods(["GET", "POST"])
def signup(request):
    """Create an account, log the person in and take them to their sessions."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def account(request):
    """The person's account: who they are and the token their scripts send to the API."""
    token, _ = Token.objects.get_or_create(user=request.user)
    return render(request, "registration/account.html", {"token": token.key})
