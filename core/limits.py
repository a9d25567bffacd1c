"""How much a client may send: request bodies are refused by size before they are read.

Django reads a body only as far as its `Content-Length` (a body without one is read as
empty), so checking that header before anything reads the body bounds what a request can
make the server hold in memory or spool to disk. `RequestBodyLimitMiddleware` comes first:
- every request may carry at most `DATA_UPLOAD_MAX_MEMORY_SIZE` bytes (the limit Django
  applies to form fields and JSON bodies once read);
- a view marked with `accepts_upload` may carry a file of `IMPORT_MAX_BYTES` more (or of the
  setting it names: `accepts_upload(limit="EVENT_IMPORT_MAX_BYTES")`);
- anything larger gets 413 (JSON under /api/, a page elsewhere) before CSRF, sessions or
  authentication look at it.
`ImportFileSizeHandler`, the first upload handler, then stops storing a file as soon as it
grows past its route's limit and hands the form a file that only knows its size, so the
form says how large it was while nothing past the limit was written.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext

from core.api import is_api, json_error

V = TypeVar("V", bound=Callable[..., Any])


def accepts_upload(view: V | None = None, *, limit: str = "IMPORT_MAX_BYTES") -> Any:
    """Mark a view (or a REST framework view class) as taking a file of at most the setting
    `limit` names: `@accepts_upload`, or `@accepts_upload(limit="EVENT_IMPORT_MAX_BYTES")`."""

    def mark(marked: V) -> V:
        marked.envoy_upload_limit = limit  # type: ignore[attr-defined]
        return marked

    return mark(view) if view is not None else mark


def upload_limit(request: HttpRequest) -> int | None:
    """The size of file the request's route takes, in bytes; None for a route taking none."""
    try:
        func = resolve(request.path_info).func
    except Resolver404:
        return None
    view_class = getattr(func, "cls", None) or getattr(func, "view_class", None)
    name = getattr(func, "envoy_upload_limit", None) or getattr(
        view_class, "envoy_upload_limit", None
    )
    return int(getattr(settings, name)) if name else None


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest, size: int, limit: int, upload: bool) -> HttpResponse:
    """413: what was sent and what is allowed, in the client's language on a page."""
    with translation.override(translation.get_language_from_request(request)):
        if upload:
            message = gettext(
                "The upload is %(size)s bytes; a file may be at most %(limit)s bytes."
            ) % {"size": f"{size:,}", "limit": f"{limit:,}"}
        else:
            message = gettext("The request is %(size)s bytes; the limit is %(limit)s bytes.") % {
                "size": f"{size:,}",
                "limit": f"{limit:,}",
            }
        if is_api(request):
            return json_error(413, message)
        page = render_to_string(
            "errors/413.html", {"message": message, "LANGUAGE_CODE": translation.get_language()}
        )
    return HttpResponse(page, status=413)


class RequestBodyLimitMiddleware:
    """Refuses a body larger than the route allows, before anything reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        size = _content_length(request)
        ordinary = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if ordinary is not None and size > ordinary:
            limit = upload_limit(request)
            if limit is None:
                return too_large(request, size, ordinary, upload=False)
            if size > limit + ordinary:
                return too_large(request, size, limit, upload=True)
        return self.get_response(request)


class OversizedUpload(UploadedFile):
    """A file refused while it arrived: its name and size, none of its content."""

    def __init__(self, name: str | None, content_type: str | None, size: int, charset: str | None):
        super().__init__(BytesIO(), name, content_type, size, charset)


class ImportFileSizeHandler(FileUploadHandler):
    """Passes a file's chunks on to the handlers that store it until the file is larger than
    its route's limit (`IMPORT_MAX_BYTES` where none is named); then drops what they stored
    and only counts the rest."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.refused = False
        named = upload_limit(self.request) if self.request else None
        self.limit = named if named is not None else settings.IMPORT_MAX_BYTES

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.refused:
            return None
        if self.received > self.limit:
            self.refused = True
            for handler in self.request.upload_handlers if self.request else ():
                if handler is not self and hasattr(handler, "file"):
                    handler.file.close()  # a temporary file is deleted as it closes
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.refused:
            return None
        return OversizedUpload(self.file_name, self.content_type, self.received, self.charset)
