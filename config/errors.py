"""Error pages: JSON under /api/, a page of our own elsewhere. Never a stack trace."""

from django.shortcuts import render

from core.api import is_api, json_error


def bad_request(request, exception=None):
    if is_api(request):
        return json_error(400, "Bad request.")
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    if is_api(request):
        return json_error(403, "You do not have permission to do this.")
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    if is_api(request):
        return json_error(404, "Not found.")
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if is_api(request):
        return json_error(500, "The server could not complete the request. It has been logged.")
    return render(request, "errors/500.html", status=500)
