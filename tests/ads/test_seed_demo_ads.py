"""The demo campaigns fill every slot of `make run`'s site, once."""

import pytest
from django.core.management import call_command
from PIL import Image

from ads import selection
from ads.models import AdsTxt, Campaign, Creative, Placement

pytestmark = pytest.mark.django_db


def test_seed_demo_ads_fills_every_placement_and_is_idempotent():
    call_command("seed_demo_ads", stdout=None)
    call_command("seed_demo_ads", stdout=None)
    assert Campaign.objects.count() == 3
    assert Creative.objects.count() == 3 * Placement.objects.count()
    for placement in Placement.objects.all():
        slot = selection.eligible_slot(placement.key)
        assert len(slot["creatives"]) == 3
        creative = placement.creatives.first()
        with Image.open(creative.image.path) as image:
            assert image.size == (placement.width, placement.height)
    assert "DIRECT" in AdsTxt.load().content
