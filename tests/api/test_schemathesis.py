"""Property-based API testing: Schemathesis generates requests from the app's own OpenAPI
document (valid and invalid) and checks that nothing answers 5xx and every response matches
the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from calmline.api.app import create_app
from calmline.settings import Settings
from calmline.store.users import add_user


def _app() -> tuple[object, str]:
    import atexit
    import shutil
    import tempfile

    data = Path(tempfile.mkdtemp(prefix="calmline-st-"))
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    app = create_app(Settings(data_dir=data))
    with app.state.store.session() as s:
        _, token = add_user(s, "schemathesis", "admin")
    return app, token


APP, TOKEN = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_follows_its_schema(case: schemathesis.Case) -> None:
    # Two of Schemathesis' checks assume the schema is the whole truth: 413 (a body above the
    # size limit, e.g. 20,001 messages) is not in its list for invalid input, and a
    # schema-valid request can still be a 422 (an unparseable time, a conversation with no
    # customer message). They are replaced by the assertion below; the server-error,
    # status-code, content-type and response-schema checks all run.
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    case.validate_response(
        response,
        excluded_checks=[checks.negative_data_rejection, checks.positive_data_acceptance],
    )
    assert response.status_code < 500
