"""Which encoding a request body has and which encoding the answer gets, as arangod decides.

``HttpRequest::setHeaderV2`` (``lib/Rest/HttpRequest.cpp``, arangodb 3.8 and later, read in the
3.8 copy) reads both from the headers with ``rest::stringToContentType`` (``lib/Rest/
CommonDefines.cpp``): a value starting with ``application/json`` is JSON, exactly
``application/x-velocypack`` is VelocyPack, one starting with ``application/x-arango-dump`` is a
dump, ``text/plain`` and ``text/html`` are text.

- The **request body**: the first ``Content-Type`` header that maps to JSON, VelocyPack or dump
  decides; any other value leaves it unset, and ``HttpRequest::payload`` parses an unset body as
  JSON. A dump body is not parsed at all (``payload`` returns a none slice).
- The **answer**: the ``Accept`` header, default JSON. ``HttpResponse`` writes VelocyPack only for
  VelocyPack and JSON for everything else, so only ``Accept: application/x-velocypack`` (exactly)
  changes the answer.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["JSON_TYPE", "VPACK_TYPE", "BodyType", "body_type", "wants_velocypack"]

#: The Content-Type of arangod's JSON answers (recorded from 3.10 to 3.12).
JSON_TYPE: Final = "application/json"
#: ``StaticStrings::MimeTypeVPack``.
VPACK_TYPE: Final = "application/x-velocypack"

BodyType = Literal["json", "vpack", "none"]


def body_type(content_type: str | None) -> BodyType:
    """How arangod reads a request body with this ``Content-Type`` (``None``: no header):
    ``"vpack"``, ``"none"`` (a dump body, never parsed) or ``"json"`` (everything else)."""
    if content_type is None:
        return "json"
    if content_type == VPACK_TYPE:
        return "vpack"
    if content_type.startswith("application/x-arango-dump"):
        return "none"
    return "json"


def wants_velocypack(accept: str | None) -> bool:
    """Whether the answer is VelocyPack: ``Accept`` is exactly ``application/x-velocypack``."""
    return accept == VPACK_TYPE
