"""The API's documentation pages, Swagger UI and ReDoc, served with nothing from elsewhere.

Both come from drf-spectacular-sidecar's files; Envoy's own templates leave out the web fonts
drf-spectacular's ReDoc page loads from Google, and ReDoc's script is served with its one
remaining outside address (the Redocly logo in its side menu, fetched from cdn.redoc.ly
whatever the options) replaced by an empty image, so the pages make no request elsewhere
and the content security policy refuses nothing.
"""

from __future__ import annotations

import hashlib
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import etag, require_safe
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
)


@cache
def redoc_script() -> tuple[bytes, str]:
    """ReDoc's standalone script without the outside logo, and its ETag."""
    path = finders.find(REDOC_BUNDLE)
    if not path or isinstance(path, list):
        raise FileNotFoundError(REDOC_BUNDLE)
    with open(path, "rb") as file:
        script = file.read().replace(REDOCLY_LOGO.encode(), EMPTY_IMAGE.encode())
    return script, hashlib.sha256(script).hexdigest()[:32]


@require_safe
@etag(lambda request: redoc_script()[1])
def redoc_bundle(request: HttpRequest) -> HttpResponse:
    script, _ = redoc_script()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @staticmethod
    def _redoc_standalone() -> str:
        return reverse("redoc-bundle")


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
