from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

import config.views as views
from config.docs import RedocView, SwaggerView, redoc_bundle

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

DOCS_CSP = {"style-src": [SELF, UNSAFE_INLINE]}
# Pages with a form answer GET, HEAD and POST only (a FormView would take a PUT as a POST).
FORM_METHODS = ["get", "head", "post"]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(http_method_names=FORM_METHODS),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(http_method_names=FORM_METHODS),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(http_method_names=["get", "head"]),
        name="password_change_done",
    ),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    path("situations/", include("recommendations.assessments.urls")),
    path("tasks/", include("recommendations.taskruns.urls")),
    path("events/", include("events.urls")),
    path("library/", include("cases.urls")),
    path("catalogue/", include("catalogue.urls")),
    path("rules/", include("recommendations.rulesets.urls")),
    path("teams/", include("accounts.team_urls")),
    path("audit/", include("audit.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The documentation pages bring their own inline styles (and ReDoc its web worker); their
    # scripts load from files, so script-src stays strict.
    path(
        "api/docs/",
        csp_update(DOCS_CSP)(SwaggerView.as_view(url_name="schema")),
        name="swagger-ui",
    ),
    path(
        "api/redoc/",
        csp_update({**DOCS_CSP, "worker-src": [SELF, "blob:"]})(
            RedocView.as_view(url_name="schema")
        ),
        name="redoc",
    ),
    path("api/redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
]
