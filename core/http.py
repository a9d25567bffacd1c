"""The HTTP methods a page answers: a read-only page GET and HEAD (Django's `require_safe`),
a page with a form those and POST; anything else is a 405."""

from django.views.decorators.http import require_http_methods

require_safe_or_post = require_http_methods(["GET", "HEAD", "POST"])
