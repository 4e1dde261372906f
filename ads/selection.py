"""Which creatives may run now, cached as one snapshot, and the weighted choice among them."""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from .models import AdStat, Campaign, Creative

VERSION_KEY = "ads:version"
STATGEN_KEY = "ads:statgen"
CAMPAIGN_PENDING_KEY = "ads:campimp:{}"


def _counter(key):
    """Return a cache counter, starting it from a time-based value if the cache lost it."""
    value = cache.get(key)
    if value is None:
        # Not 0: after a cache restart, keys built from the old value must not be reused.
        cache.add(key, int(time.time() * 1000), timeout=None)
        value = cache.get(key, 0)
    return value


def bump(key=VERSION_KEY):
    """Increment a version counter so snapshots (and page-cache keys using it) are rebuilt."""
    try:
        cache.incr(key)
    except ValueError:
        _counter(key)


def version():
    """Return the ads version: it changes whenever a placement, campaign or creative changes."""
    return _counter(VERSION_KEY)


def _build(now):
    """Read from the database what may run now: 1 query without ads, at most 4 with."""
    next_change = now + timedelta(seconds=settings.ADS_ELIGIBILITY_TTL_SECONDS)
    running = {}
    for pk, starts_at, ends_at, cap in Campaign.objects.filter(
        is_active=True, ends_at__gt=now
    ).values_list("pk", "starts_at", "ends_at", "impression_cap"):
        # Expire the snapshot at the next start or end, so dates take effect on time.
        if starts_at > now:
            next_change = min(next_change, starts_at)
        else:
            next_change = min(next_change, ends_at)
            running[pk] = cap
    placements = {}
    creatives = []
    if running:
        creatives = Creative.objects.filter(is_active=True, campaign__in=running).prefetch_related(
            "placements"
        )
    for creative in creatives:
        entry = {
            "id": creative.pk,
            "campaign": creative.campaign_id,
            "weight": creative.weight,
            "capped": bool(running[creative.campaign_id]),
            "kind": creative.kind,
            "image_url": creative.image.url if creative.image else "",
            "alt": creative.alt_text,
            "html": creative.html if creative.kind == Creative.Kind.HTML else "",
        }
        for placement in creative.placements.all():
            slot = placements.setdefault(
                placement.key,
                {
                    "key": placement.key,
                    "width": placement.width,
                    "height": placement.height,
                    "show_on_mobile": placement.show_on_mobile,
                    "creatives": [],
                },
            )
            slot["creatives"].append(entry)
    capped = {pk: cap for pk, cap in running.items() if cap}
    remaining = {}
    if capped and placements:
        served = dict(
            AdStat.objects.filter(creative__campaign__in=capped)
            .values_list("creative__campaign")
            .annotate(total=Sum("impressions"))
        )
        remaining = {pk: cap - served.get(pk, 0) for pk, cap in capped.items()}
    exhausted = {pk for pk, left in remaining.items() if left <= 0}
    for key in list(placements):
        slot = placements[key]
        slot["creatives"] = [c for c in slot["creatives"] if c["campaign"] not in exhausted]
        if not slot["creatives"]:
            del placements[key]
    return {
        "placements": placements,
        "remaining": remaining,
        "timeout": max(1, int((next_change - now).total_seconds())),
    }


def snapshot(now=None):
    """Return the cached description of every placement that has a creative to show now."""
    keys = cache.get_many([VERSION_KEY, STATGEN_KEY])
    if len(keys) < 2:
        keys = {VERSION_KEY: version(), STATGEN_KEY: _counter(STATGEN_KEY)}
    key = f"ads:snapshot:{keys[VERSION_KEY]}:{keys[STATGEN_KEY]}"
    data = cache.get(key)
    if data is None:
        data = _build(now or timezone.now())
        cache.set(key, data, timeout=data["timeout"])
    return data


def eligibility_token():
    """Return a short string that changes when the set of fillable placements changes.

    A page cache adds it (with version()) to its keys: a cached page then gains or
    loses its ad boxes when a campaign starts, ends or reaches its cap.
    """
    placements = snapshot()["placements"]
    return ",".join(sorted(placements)) or "-"


def eligible_slot(key):
    """Return the placement's description if some creative may fill it now, else None."""
    return snapshot()["placements"].get(key)


def choose(key, rng=random):
    """Pick one creative for the placement by weight, skipping campaigns that reached their cap."""
    data = snapshot()
    slot = data["placements"].get(key)
    if not slot:
        return None, None
    candidates = slot["creatives"]
    capped = {c["campaign"] for c in candidates if c["campaign"] in data["remaining"]}
    if capped:
        pending = cache.get_many([CAMPAIGN_PENDING_KEY.format(pk) for pk in capped])
        candidates = [
            c
            for c in candidates
            if c["campaign"] not in capped
            or pending.get(CAMPAIGN_PENDING_KEY.format(c["campaign"]), 0)
            < data["remaining"][c["campaign"]]
        ]
    if not candidates:
        return slot, None
    return slot, rng.choices(candidates, weights=[c["weight"] for c in candidates])[0]
