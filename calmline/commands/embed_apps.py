"""``calmline helpdesk zendesk-app OUT.zip --url https://calmline.example``: the Zendesk
ticket-sidebar app that shows calmline's sidebar inside each ticket.

Zendesk shows a sidebar app from a zip an admin uploads as a private app (Zendesk Apps
framework v2: ``manifest.json``, ``assets/``, ``translations/en.json``, the two logos). The
app's own page, ``assets/iframe.html``, holds nothing of calmline: it asks Zendesk for the
ticket id with the ZAF SDK's documented ``client.get('ticket.id')`` (the SDK is loaded from
the URL Zendesk documents, by the agent's browser, which is on Zendesk anyway — calmline's
server still calls out to nobody) and frames ``{url}/embed/zendesk/{ticket id}``, the case
the ticket's webhooks built. Generated here rather than shipped so the calmline address is
baked in and nothing needs a build tool; the logos are plain placeholders drawn in code.
"""

from __future__ import annotations

import argparse
import html
import json
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit
from zipfile import ZIP_DEFLATED, ZipFile

from calmline.errors import CliError

ZAF_SDK = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"
INK = (0x1D, 0x23, 0x30, 0xFF)  # the web app's header colours
ACCENT = (0x8F, 0xB3, 0xFF, 0xFF)

MAIN_JS = """\
// calmline's Zendesk sidebar: frame calmline's sidebar for the ticket this app shows in.
(function () {
  var base = document.currentScript.getAttribute("data-calmline");
  var frame = document.getElementById("calmline");
  var link = document.getElementById("open");
  var status = document.getElementById("status");
  var client = ZAFClient.init();
  client.invoke("resize", { width: "100%", height: "640px" });
  client.get("ticket.id").then(function (data) {
    var url = base + "/embed/zendesk/" + encodeURIComponent(String(data["ticket.id"]));
    frame.src = url;
    frame.hidden = false;
    link.href = url;
    status.hidden = true;
  }, function () {
    status.textContent = "Zendesk did not name the ticket; open calmline instead.";
  });
})();
"""

CSS = """\
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; }
iframe { border: 0; width: 100%; height: 600px; display: block; }
p { margin: .4rem; }
"""


def _base_url(url: str) -> str:
    """calmline's address as agents' browsers reach it: https (http only on this machine,
    for a trial), no query or fragment."""
    parts = urlsplit(url)
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise CliError(f"--url {url!r}: must be https://… (Zendesk pages are https)")
    if not parts.hostname or parts.query or parts.fragment:
        raise CliError(f"--url {url!r}: a base address like https://calmline.example")
    return url.rstrip("/")


def png(size: int) -> bytes:
    """A square RGBA PNG: calmline's dark header colour with a light disc — a placeholder
    for the two logos Zendesk requires (logo.png 320 px, logo-small.png 128 px)."""
    centre, radius = (size - 1) / 2, size * 0.3
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter: none
        for x in range(size):
            inside = (x - centre) ** 2 + (y - centre) ** 2 <= radius**2
            row += bytes(ACCENT if inside else INK)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def manifest(name: str, author: str, email: str, url: str) -> dict[str, object]:
    """Zendesk's manifest reference (Apps framework v2): a private Support app in the
    ticket sidebar, ``flexible`` so it follows Zendesk's resizable layout."""
    sidebar = {"url": "assets/iframe.html", "flexible": True}
    return {
        "name": name,
        "author": {"name": author, "email": email, "url": url},
        "defaultLocale": "en",
        "private": True,
        "location": {"support": {"ticket_sidebar": sidebar}},
        "version": "1.0",
        "frameworkVersion": "2.0",
    }


def iframe_html(url: str) -> str:
    base = html.escape(url, quote=True)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>calmline</title>
  <link rel="stylesheet" href="main.css">
</head>
<body>
  <p id="status">Loading calmline…</p>
  <iframe id="calmline" title="calmline" allow="clipboard-write" hidden></iframe>
  <p><a id="open" href="{base}/" target="_blank" rel="noopener">Open calmline in a new tab</a></p>
  <script src="{ZAF_SDK}"></script>
  <script src="main.js" data-calmline="{base}"></script>
</body>
</html>
"""


def translations(name: str) -> dict[str, object]:
    return {
        "app": {
            "name": name,
            "short_description": "De-escalation guidance and a reviewed reply for each ticket.",
            "long_description": (
                "Shows calmline's reading of the ticket — the customer's situation, the next "
                "step with ready sentences — and a draft box whose reply calmline reviews as "
                "you type. Copy the reply into the ticket."
            ),
            "installation_instructions": (
                "Add this Zendesk's address as origin in [helpdesks.zendesk] of calmline's "
                "policy, so calmline lets Zendesk frame it; agents sign in to calmline once "
                "inside the sidebar."
            ),
        }
    }


def write_zendesk_app(
    out: Path, url: str, name: str = "calmline", author: str = "calmline", email: str = ""
) -> list[str]:
    """Writes the app zip; returns the names in it."""
    base = _base_url(url)
    email = email or f"support@{urlsplit(base).hostname}"
    files: dict[str, bytes] = {
        "manifest.json": json.dumps(manifest(name, author, email, base), indent=2).encode(),
        "translations/en.json": json.dumps(translations(name), indent=2).encode(),
        "assets/iframe.html": iframe_html(base).encode(),
        "assets/main.js": MAIN_JS.encode(),
        "assets/main.css": CSS.encode(),
        "assets/logo.png": png(320),
        "assets/logo-small.png": png(128),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with ZipFile(out, "w", ZIP_DEFLATED) as z:
        for path, data in files.items():
            z.writestr(path, data)
    return list(files)


def cmd_zendesk_app(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise CliError(f"{out} exists (--force replaces it)")
    write_zendesk_app(out, args.url, args.name, args.author, args.email or "")
    print(
        f"wrote {out}: upload it in Zendesk Admin Center → Apps and integrations → "
        "Zendesk Support apps → Upload private app"
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Under ``calmline helpdesk`` (``calmline/commands/helpdesk.py``)."""
    p = sub.add_parser("zendesk-app", help="write the Zendesk ticket-sidebar app (a zip)")
    p.add_argument("out", help="the zip to write, e.g. calmline-zendesk.zip")
    p.add_argument("--url", required=True, help="calmline's address, e.g. https://calmline.example")
    p.add_argument("--name", default="calmline", help="the app's name in Zendesk")
    p.add_argument("--author", default="calmline", help="the author Zendesk shows")
    p.add_argument("--email", help="the author's support address (default: support@<url host>)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_zendesk_app)
