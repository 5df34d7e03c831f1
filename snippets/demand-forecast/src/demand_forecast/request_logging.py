"""FastAPI middleware: one structured log record per request, with latency and model version."""

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

REQUEST_LOGGER = logging.getLogger("serving.requests")


def add_request_logging(
    app: FastAPI, model_version: str, logger: logging.Logger = REQUEST_LOGGER
) -> None:
    """Log every request the app serves as one JSON record.

    Args:
        app: The serving application.
        model_version: The registered model version the app serves, stamped on every record.
        logger: Where the records go; ship this logger to the central log store.
    """

    @app.middleware("http")
    async def log_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Reuse the caller's ID so one request can be followed across services.
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        start = time.perf_counter()
        status_code = 500  # what the client gets if the handler raises
        try:
            response = await call_next(request)
            status_code = response.status_code
        finally:
            record = {
                "event": "request",
                "request_id": request_id,
                "method": request.method,
                "path": request.url.path,
                "status_code": status_code,
                "latency_ms": round((time.perf_counter() - start) * 1000, 3),
                "model_version": model_version,
            }
            logger.info(json.dumps(record))
        response.headers["x-request-id"] = request_id
        response.headers["x-model-version"] = model_version
        return response
