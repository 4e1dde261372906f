"""Serve uploads in development the way nginx serves them in production: never as active content."""

from django.conf import settings
from django.views.static import serve

# Types a browser may show inline from the media folder; anything else (SVG,
# HTML, XML, scripts…) is sent as a download, whatever its name claims.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def serve_media(request, path):
    """Serve one upload (DEBUG only): nosniff, a sandbox CSP, and non-images as downloads."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    if response.get("Content-Type", "").split(";")[0].strip() not in INLINE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response
