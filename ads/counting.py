"""Impression and click counters kept in the cache, flushed to daily AdStat rows."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import AdStat, Creative
from .selection import CAMPAIGN_PENDING_KEY, STATGEN_KEY, bump

logger = logging.getLogger(__name__)

IMPRESSIONS = "imp"
CLICKS = "clk"
FLUSH_DUE_KEY = "ads:flush-due"
FLUSH_LOCK_KEY = "ads:flush-lock"


def _key(kind, day, creative_id):
    return f"ads:{kind}:{day:%Y%m%d}:{creative_id}"


def _incr(key, amount=1):
    """Increment a counter that lives for the counters' retention period."""
    try:
        return cache.incr(key, amount)
    except ValueError:
        if cache.add(key, amount, timeout=settings.ADS_COUNTER_DAYS * 86400):
            return amount
        return cache.incr(key, amount)


def record_impression(creative):
    """Count one served impression in the cache (no database write)."""
    _incr(_key(IMPRESSIONS, timezone.localdate(), creative["id"]))
    if creative.get("capped"):
        _incr(CAMPAIGN_PENDING_KEY.format(creative["campaign"]))


def record_click(creative_id):
    """Count one click in the cache (no database write)."""
    _incr(_key(CLICKS, timezone.localdate(), creative_id))


def maybe_flush():
    """Flush at most once per ADS_FLUSH_INTERVAL_SECONDS across all processes sharing the cache."""
    if cache.add(FLUSH_DUE_KEY, 1, timeout=settings.ADS_FLUSH_INTERVAL_SECONDS):
        try:
            flush_stats()
        except Exception:  # Counting must never break an ad request.
            logger.exception("Ad statistics flush failed; counters stay in the cache.")


def flush_stats():
    """Move the cache counters into AdStat; return the number of rows touched (0 if locked)."""
    if not cache.add(FLUSH_LOCK_KEY, 1, timeout=300):
        return 0
    try:
        return _flush()
    finally:
        cache.delete(FLUSH_LOCK_KEY)


def _flush():
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in range(settings.ADS_COUNTER_DAYS)]
    recent = timezone.now() - timedelta(days=settings.ADS_COUNTER_DAYS + 1)
    creatives = dict(
        Creative.objects.filter(campaign__ends_at__gte=recent).values_list("pk", "campaign_id")
    )
    keys = [
        _key(kind, day, pk) for pk in creatives for day in days for kind in (IMPRESSIONS, CLICKS)
    ]
    taken = {}
    for key, value in cache.get_many(keys).items():
        if not value:
            continue
        try:
            # decr, not delete: increments that land meanwhile stay for the next flush.
            cache.decr(key, value)
        except ValueError:
            continue
        taken[key] = value
    if not taken:
        return 0
    rows = defaultdict(lambda: [0, 0])
    for key, value in taken.items():
        _prefix, kind, day, pk = key.split(":")
        rows[(day, int(pk))][0 if kind == IMPRESSIONS else 1] += value
    try:
        with transaction.atomic():
            for (day, pk), (impressions, clicks) in rows.items():
                date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
                updated = AdStat.objects.filter(date=date, creative_id=pk).update(
                    impressions=F("impressions") + impressions, clicks=F("clicks") + clicks
                )
                if not updated:
                    AdStat.objects.create(
                        date=date, creative_id=pk, impressions=impressions, clicks=clicks
                    )
    except Exception:
        for key, value in taken.items():  # Put the counts back for the next flush.
            _incr(key, value)
        raise
    per_campaign = defaultdict(int)
    for (_day, pk), (impressions, _clicks) in rows.items():
        per_campaign[creatives[pk]] += impressions
    for campaign_id, impressions in per_campaign.items():
        try:
            cache.decr(CAMPAIGN_PENDING_KEY.format(campaign_id), impressions)
        except ValueError:
            pass
    # The snapshot holds the flushed totals used by caps: rebuild it.
    bump(STATGEN_KEY)
    return len(rows)
