"""Content-Security-Policy: the readers' policy, the newsroom's looser one, and who gets which.

The policies are plain dicts for Django's built-in CSP support (``SECURE_CSP``);
settings build them with :func:`reader_policy` and :func:`admin_policy`, and
:class:`PathPolicyMiddleware` hands the admin's to the admin and CKEditor pages.
This module must not touch ``django.conf.settings`` at import time: the
settings import it.
"""

from django.conf import settings
from django.utils.csp import CSP

# Google's documented hosts for reCAPTCHA v3 (script, then its invisible iframe).
RECAPTCHA_SCRIPT_SOURCES = [
    "https://www.google.com/recaptcha/",
    "https://www.gstatic.com/recaptcha/",
]
RECAPTCHA_FRAME_SOURCES = [
    "https://www.google.com/recaptcha/",
    "https://recaptcha.google.com/recaptcha/",
]


def reader_policy(*, video_hosts=(), media_origins=(), recaptcha=False, report_uri=""):
    """Return the policy of every public page: our own files only, nothing inline but styles."""
    policy = {
        "default-src": [CSP.SELF],
        # No inline script anywhere on reader pages (JSON-LD is a data block, which
        # CSP does not govern): no nonce, so cached pages stay valid as they are.
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF],
        # Ad slots size their box with a style attribute (max-width, aspect-ratio
        # from the placement). Attributes cannot run script; <style> elements and
        # stylesheets stay limited to our own files by style-src.
        "style-src-attr": [CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:", *media_origins],
        "font-src": [CSP.SELF],
        "connect-src": [CSP.SELF],
        "media-src": [CSP.SELF, *media_origins],
        # Ads are same-origin documents in sandboxed iframes; article bodies may
        # embed the video players that the sanitizer lets through.
        "frame-src": [CSP.SELF, *(f"https://{host}" for host in sorted(video_hosts))],
        "frame-ancestors": [CSP.SELF],
        "base-uri": [CSP.SELF],
        "form-action": [CSP.SELF],
        "object-src": [CSP.NONE],
    }
    if recaptcha:
        policy["script-src"] += RECAPTCHA_SCRIPT_SOURCES
        policy["frame-src"] += RECAPTCHA_FRAME_SOURCES
    if report_uri:
        policy["report-uri"] = [report_uri]
    return policy


def admin_policy(reader):
    """Return the newsroom's policy: the readers' one plus what CKEditor 4 cannot do without."""
    policy = {directive: list(values) for directive, values in reader.items()}
    # CKEditor 4 wires its toolbar and dialogs with inline event handlers
    # (onclick="CKEDITOR.tools.callFunction(…)") and writes <style> elements and
    # style attributes. Scripts still come only from this site (no third-party
    # host, no eval), plugins cannot be loaded from elsewhere, and the bodies it
    # produces are sanitized on the server before any reader sees them.
    policy["script-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]
    policy["style-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]
    policy.pop("style-src-attr", None)
    policy["img-src"] = [*policy["img-src"], "blob:"]
    # The newsroom does not post comments: no reCAPTCHA frames there.
    policy["frame-src"] = [source for source in policy["frame-src"] if "recaptcha" not in source]
    return policy


class PathPolicyMiddleware:
    """Give admin and CKEditor pages the newsroom's policy; keep a view's own CSP header alone.

    With DEBUG on, Django's technical 404 and 500 pages go without a policy.

    Must sit after Django's ``ContentSecurityPolicyMiddleware`` in MIDDLEWARE so
    that it sees the response first and can choose the policy that one applies.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = (f"/{settings.ADMIN_URL}", "/ckeditor/")

    def __call__(self, request):
        response = self.get_response(request)
        if CSP.HEADER_ENFORCE in response or CSP.HEADER_REPORT_ONLY in response:
            # The view wrote a policy of its own (ad documents): adding the site's
            # beside it would only combine into something neither meant.
            response._csp_config = {}
            response._csp_ro_config = {}
        elif settings.DEBUG and response.status_code in (404, 500):
            # Django's technical error pages style and script themselves inline;
            # in development they must stay readable. Production never shows them.
            response._csp_config = {}
            response._csp_ro_config = {}
        elif request.path.startswith(self.prefixes) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.CSP_ADMIN_POLICY if settings.SECURE_CSP else {}
            response._csp_ro_config = (
                settings.CSP_ADMIN_POLICY if settings.SECURE_CSP_REPORT_ONLY else {}
            )
        return response
