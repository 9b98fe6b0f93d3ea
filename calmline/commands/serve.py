"""``calmline serve``: the API (and, later, the web app) on the embedded default."""

from __future__ import annotations

from calmline.errors import CliError


def run_serve(host: str, port: int) -> int:
    import uvicorn

    from calmline.api.app import create_app
    from calmline.protocol.policy import PolicyError

    try:
        app = create_app()
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0
