"""Sign-up and the account page; log-in, log-out and password reset are Django's own auth views."""
