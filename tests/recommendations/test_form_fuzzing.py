"""The situation form under random input: whatever is posted, the answer is the form with
its errors or its warnings of contradictory answers (nothing stored) or a stored assessment;
never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract.fields import FIELDS
from recommendations.models import Assessment
from tests.helpers import situation_form_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # slow: skipped by `make test-fast`

NAMES = [f.name for f in FIELDS if f.name != "situation"]
junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "true", "none", "-1", "0", "99999999999999999999", "\x00", "é" * 200]),
    st.lists(st.text(max_size=12), max_size=3),
)
posts = st.fixed_dictionaries(
    {}, optional={name: junk for name in [*NAMES, "situation", "unknown_field"]}
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=posts, keep_valid=st.booleans())
def test_random_form_posts_get_errors_or_a_stored_assessment_never_a_500(
    client, analyst, changes, keep_valid
):
    client.force_login(analyst.user)
    data = {**(situation_form_data() if keep_valid else {}), **changes}
    data = {k: v for k, v in data.items() if "\x00" not in str(v)}  # not sendable as a form
    before = Assessment.objects.count()
    response = client.post("/situations/new/", data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert Assessment.objects.count() == before
        html = response.content.decode()
        assert 'id="form-errors"' in html or 'id="form-warnings"' in html
    else:
        assert Assessment.objects.count() == before + 1
