"""The OpenAPI document describes every answer, and its pages work without the internet:
Swagger UI and ReDoc load only files the server itself serves."""

from __future__ import annotations

import re
from typing import Any

import httpx


def _typed(schema: dict[str, Any]) -> bool:
    return bool(schema.get("$ref") or schema.get("type") or schema.get("anyOf"))


def test_every_success_response_has_a_schema(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    components = doc["components"]["schemas"]
    seen = 0
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            ok = {code: r for code, r in op["responses"].items() if code.startswith("2")}
            assert ok, (method, path)
            for code, response in ok.items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                assert schema and _typed(schema), (method, path, code, schema)
                ref = schema.get("$ref", "")
                if ref:
                    model = components[ref.rsplit("/", 1)[-1]]
                    assert model.get("properties"), (method, path, ref)
                seen += 1
    assert seen >= 27
    case = components["CaseOut"]["properties"]
    assert {"id", "status", "customer_id", "created_at"} <= set(case)
    assert set(components["CustomerOut"]["properties"]) == {
        *("id", "name", "gender", "identities", "case_ids")
    }


def test_docs_load_only_local_files(client: httpx.Client) -> None:
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        urls = re.findall(r"""(?:src|href|url|spec-url)\s*[:=]\s*['"]([^'"]+)['"]""", r.text)
        assert urls, page
        assert not re.search(r"https?://", r.text), page
        for url in urls:
            assert url.startswith("/"), (page, url)
            asset = client.get(url)
            assert asset.status_code == 200, (page, url)
            assert asset.content
    assert (
        client.get("/docs/assets/swagger-ui-bundle.js")
        .headers["content-type"]
        .startswith(("application/javascript", "text/javascript"))
    )
