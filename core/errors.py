"""Envoy's own errors on pages, mapped in this one place (`core.api` maps them for the API).

A view does not catch them. When one escapes a page's view, the middleware answers:
- if the view declares the page it belongs to (`returns_to`), the user is sent back there
  with the error's message, as after any refused action;
- otherwise a page of the error's status (400, 403, 503) says what went wrong.
Forms that show invalid input beside its fields use `form_errors` instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from contract.errors import EnvoyError, InvalidInput
from core.api import is_api

TEMPLATES = {400: "errors/400.html", 403: "errors/403.html", 503: "errors/503.html"}


def returns_to(url_name: str, *kwarg_names: str, anchor: str = "") -> Callable:
    """Declare the page a view's errors send the user back to: the URL named `url_name`,
    with the view's own URL arguments of those names (and `#anchor`). Put it outermost."""

    def declare(view: Callable) -> Callable:
        # A mark on the view function, read back by the middleware below.
        view.envoy_returns_to = (url_name, kwarg_names, anchor)  # type: ignore[attr-defined]
        return view

    return declare


class EnvoyErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, EnvoyError) or is_api(request):
            return None
        match = request.resolver_match
        back = getattr(match.func, "envoy_returns_to", None) if match else None
        if match is not None and back is not None:
            url_name, names, anchor = back
            messages.error(request, str(exc))
            url = reverse(url_name, kwargs={name: match.kwargs[name] for name in names})
            return redirect(f"{url}#{anchor}" if anchor else url)
        template = TEMPLATES.get(exc.status, TEMPLATES[400])
        return render(request, template, {"message": str(exc)}, status=exc.status)


def form_errors(form: forms.BaseForm, exc: InvalidInput) -> None:
    """Show invalid input beside the form's fields (those the form lacks: above it)."""
    for field, errors in exc.errors.items():
        form.add_error(field if field in form.fields else None, errors)
