"""Every API failure is a JSON body: 400, 401, 403, 404, 405, 429, 500. Never HTML."""

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


def test_an_unknown_api_path_is_a_json_404(viewer, anonymous):
    for client in (viewer.client, anonymous):
        response = client.get("/api/v1/no-such-thing/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


def test_an_unknown_page_is_an_html_404_of_our_own(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()


def test_a_wrong_method_is_a_json_405(curator):
    response = curator.client.delete("/api/v1/assessments/")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}


def test_a_non_json_body_is_a_json_415_or_400(analyst):
    response = analyst.client.post(
        "/api/v1/assessments/", "country=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415 and "detail" in response.json()


@pytest.fixture
def tight_throttles(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "2/min"})
    cache.clear()
    yield
    cache.clear()


def test_too_many_requests_get_a_json_429_per_user_and_per_anonymous_ip(
    tight_throttles, viewer, anonymous
):
    codes = [viewer.client.get("/api/v1/phases/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttled = viewer.client.get("/api/v1/phases/")
    assert "throttled" in throttled.json()["detail"] and "Retry-After" in throttled
    anonymous_codes = [anonymous.get("/api/v1/phases/").status_code for _ in range(3)]
    assert anonymous_codes == [401, 401, 429]


def test_an_unexpected_failure_is_a_json_500_without_a_trace(viewer, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("recommendations.assessments.api.assessment_list", broken)
    response = viewer.client.get("/api/v1/assessments/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "The server could not complete the request. It has been logged."
    }
    assert "fire" not in response.content.decode()
