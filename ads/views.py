"""Ad documents served inside sandboxed iframes, click redirects and ads.txt."""

import random

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_safe

from . import counting, selection
from .models import AdsTxt, Creative

# The iframe's sandbox attribute protects the page; this header also sandboxes the
# document when it is opened on its own, and keeps image creatives script-free.
SANDBOX = (
    "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
)
IMAGE_CSP = f"{SANDBOX}; default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
HTML_CSP = f"{SANDBOX} allow-scripts allow-forms"


def html_csp():
    """Return the HTML creatives' policy, limited to the ad partners' hosts when they are listed."""
    hosts = " ".join(settings.ADS_PARTNER_HOSTS)
    if not hosts:
        return HTML_CSP
    # Partner tags are an inline bootstrap that loads the partner's script, which
    # then fetches images, frames and beacons from the same hosts.
    return (
        f"{HTML_CSP}; default-src 'none'; script-src 'unsafe-inline' {hosts}; "
        f"style-src 'unsafe-inline' {hosts}; img-src data: {hosts}; frame-src {hosts}; "
        f"connect-src {hosts}; font-src {hosts}"
    )


_rng = random.SystemRandom()


def _document(request, slot, creative):
    response = render(request, "ads/slot_document.html", {"slot": slot, "creative": creative})
    response["Content-Security-Policy"] = (
        html_csp() if creative and creative["kind"] == Creative.Kind.HTML else IMAGE_CSP
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET  # not HEAD: a HEAD request shows nothing and must not count
@never_cache
@xframe_options_sameorigin
def slot(request, key):
    """Choose a creative for the placement by weight, count the impression, return it."""
    slot, creative = selection.choose(key, rng=_rng)
    # Nothing to show (a page cached before the campaign ended): an empty document,
    # not a 404 page inside the box.
    if creative is not None:
        counting.record_impression(creative)
    counting.maybe_flush()
    return _document(request, slot or {}, creative)


@require_safe
@never_cache
def click(request, creative_id):
    """Count the click and redirect to the creative's stored target, never to a request URL."""
    creative = get_object_or_404(
        Creative.objects.exclude(target_url=""),
        pk=creative_id,
        kind=Creative.Kind.IMAGE,
        is_active=True,
        campaign__is_active=True,
    )
    counting.record_click(creative.pk)
    response = HttpResponseRedirect(creative.target_url)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@never_cache
@xframe_options_sameorigin
@permission_required("ads.view_creative", raise_exception=True)
def preview(request, creative_id):
    """Show a creative as readers would see it, without counting it (ad team only)."""
    obj = get_object_or_404(Creative.objects.select_related("campaign"), pk=creative_id)
    creative = {
        "id": obj.pk,
        "kind": obj.kind,
        "image_url": obj.image.url if obj.image else "",
        "alt": obj.alt_text,
        "html": obj.html if obj.kind == Creative.Kind.HTML else "",
        "preview": True,
    }
    placement = obj.placements.first()
    slot = {"width": placement.width, "height": placement.height} if placement else {}
    return _document(request, slot, creative)


@require_safe
def ads_txt(request):
    """Serve the ads.txt file edited in the admin."""
    content = AdsTxt.objects.values_list("content", flat=True).first() or ""
    return HttpResponse(content, content_type="text/plain; charset=utf-8")
