"""Which creatives may run: dates (time zone aware), caps, active flags, weighted rotation."""

import random
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from ads import counting, selection
from ads.models import AdStat

from .factories import CampaignFactory, CreativeFactory

pytestmark = pytest.mark.django_db

PORTO_NOVO = ZoneInfo("Africa/Porto-Novo")  # settings.TIME_ZONE, UTC+1


def local(*args):
    return datetime(*args, tzinfo=PORTO_NOVO)


@pytest.fixture
def june_campaign():
    """A sidebar campaign for June 2026, midnight to midnight in Porto-Novo time."""
    campaign = CampaignFactory(starts_at=local(2026, 6, 1), ends_at=local(2026, 7, 1))
    CreativeFactory(campaign=campaign, placements=["sidebar"])
    return campaign


@pytest.mark.parametrize(
    ("moment", "eligible"),
    [
        (datetime(2026, 5, 31, 22, 59, tzinfo=ZoneInfo("UTC")), False),  # 23:59 local
        (datetime(2026, 5, 31, 23, 0, tzinfo=ZoneInfo("UTC")), True),  # midnight local
        (datetime(2026, 6, 30, 22, 59, tzinfo=ZoneInfo("UTC")), True),
        (datetime(2026, 6, 30, 23, 0, tzinfo=ZoneInfo("UTC")), False),  # end is excluded
    ],
)
def test_dates_are_compared_in_the_sites_time_zone(june_campaign, moment, eligible):
    with time_machine.travel(moment, tick=False):
        assert (selection.eligible_slot("sidebar") is not None) is eligible


def test_a_campaign_starts_on_time_without_any_save(june_campaign):
    with time_machine.travel(local(2026, 5, 31, 23, 55), tick=False) as traveller:
        assert selection.eligible_slot("sidebar") is None
        traveller.move_to(local(2026, 6, 1, 0, 0, 1))
        assert selection.eligible_slot("sidebar") is not None
        traveller.move_to(local(2026, 7, 1, 0, 0, 1))
        assert selection.eligible_slot("sidebar") is None


def test_inactive_campaign_or_creative_or_other_placement_is_not_eligible():
    CreativeFactory(campaign__is_active=False, placements=["sidebar"])
    CreativeFactory(is_active=False, placements=["sidebar"])
    CreativeFactory(placements=["header"])
    CreativeFactory(placements=[])
    assert selection.eligible_slot("sidebar") is None
    assert selection.eligible_slot("header") is not None
    assert selection.eligible_slot("unknown") is None


def test_saving_in_the_admin_takes_effect_at_once():
    creative = CreativeFactory(placements=["sidebar"])
    assert selection.eligible_slot("sidebar") is not None
    creative.campaign.is_active = False
    creative.campaign.save()
    assert selection.eligible_slot("sidebar") is None


def test_cap_counts_served_impressions_not_yet_flushed():
    creative = CreativeFactory(campaign__impression_cap=3, placements=["sidebar"])
    for _ in range(3):
        _slot, chosen = selection.choose("sidebar")
        assert chosen["id"] == creative.pk
        counting.record_impression(chosen)
    _slot, chosen = selection.choose("sidebar")
    assert chosen is None


def test_cap_counts_flushed_and_pending_impressions_together():
    creative = CreativeFactory(campaign__impression_cap=3, placements=["sidebar"])
    AdStat.objects.create(date=timezone.localdate(), creative=creative, impressions=2)
    _slot, chosen = selection.choose("sidebar")
    counting.record_impression(chosen)
    assert counting.flush_stats() == 1
    assert AdStat.objects.get().impressions == 3
    # The cap is reached: after the flush the slot is not even rendered any more.
    assert selection.eligible_slot("sidebar") is None


def test_capped_campaign_leaves_room_for_the_others():
    capped = CreativeFactory(campaign__impression_cap=1, placements=["sidebar"])
    other = CreativeFactory(placements=["sidebar"])
    AdStat.objects.create(date=timezone.localdate(), creative=capped, impressions=1)
    rng = random.Random(1)
    assert {selection.choose("sidebar", rng=rng)[1]["id"] for _ in range(50)} == {other.pk}


def test_rotation_follows_the_weights():
    light = CreativeFactory(weight=1, placements=["sidebar"])
    heavy = CreativeFactory(weight=3, placements=["sidebar"])
    rng = random.Random(20261128)
    draws = Counter(selection.choose("sidebar", rng=rng)[1]["id"] for _ in range(8000))
    assert abs(draws[heavy.pk] / 8000 - 0.75) < 0.02
    assert abs(draws[light.pk] / 8000 - 0.25) < 0.02


def test_snapshot_is_built_once_then_read_from_the_cache(django_assert_num_queries):
    CreativeFactory.create_batch(3, placements=["sidebar", "header"])
    selection.eligible_slot("sidebar")
    with django_assert_num_queries(0):
        for _ in range(5):
            selection.choose("sidebar")
            selection.eligible_slot("header")


def test_version_changes_when_ads_change():
    before = selection.version()
    creative = CreativeFactory(placements=["sidebar"])
    after_create = selection.version()
    assert after_create != before
    creative.placements.clear()
    assert selection.version() != after_create


def test_eligibility_token_follows_campaign_dates_for_page_caches():
    campaign = CampaignFactory(starts_at=local(2026, 6, 1), ends_at=local(2026, 7, 1))
    CreativeFactory(campaign=campaign, placements=["sidebar", "header"])
    with time_machine.travel(local(2026, 5, 31, 23, 59), tick=False) as traveller:
        before = selection.eligibility_token()
        traveller.move_to(local(2026, 6, 1, 0, 1))
        assert selection.eligibility_token() == "header,sidebar" != before
