"""The API's documentation pages load everything from this site: no request leaves it (no
web fonts, no CDN, no logo from elsewhere) and the browser refuses nothing."""

import pytest

# Slow (skipped by `make test-fast`).
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "rendered"),
    [("/api/redoc/", "redoc h1:has-text('Envoy API')"), ("/api/docs/", ".swagger-ui .info")],
)
def test_the_docs_pages_request_nothing_from_elsewhere(
    visit, committed_reference_data, path, rendered
):
    page = visit.page
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning")
            and ("Content Security Policy" in message.text or message.type == "error")
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    visit.goto(path)
    page.wait_for_selector(rendered)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # late images (ReDoc's side menu) load after the rest
    visit.shot("docs")
    web = [url for url in requests if url.startswith(("http:", "https:"))]
    assert web and all(url.startswith(visit.base_url + "/") for url in web), web
    assert problems == []
