"""Rebuild the eligibility snapshot whenever the ad team changes something."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Campaign, Creative, Placement
from .selection import bump


@receiver(post_save, sender=Placement)
@receiver(post_save, sender=Campaign)
@receiver(post_save, sender=Creative)
@receiver(post_delete, sender=Placement)
@receiver(post_delete, sender=Campaign)
@receiver(post_delete, sender=Creative)
@receiver(m2m_changed, sender=Creative.placements.through)
def ads_changed(**kwargs):
    """Bump the ads version (page caches can include it in their keys)."""
    bump()
