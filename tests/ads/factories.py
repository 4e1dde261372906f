"""factory_boy factories for the ads app."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from ads.models import Campaign, Creative, Placement


def png_bytes(width=300, height=250, colour="#0b3d91"):
    """Return a small valid PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def placement(key):
    """Return one of the placements created by the data migration."""
    return Placement.objects.get(key=key)


class CampaignFactory(factory.django.DjangoModelFactory):
    """A campaign running now (from yesterday to next month)."""

    class Meta:
        model = Campaign

    advertiser = factory.Sequence(lambda n: f"Annonceur {n}")
    name = factory.Sequence(lambda n: f"Campagne {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    is_active = True


class CreativeFactory(factory.django.DjangoModelFactory):
    """An image creative; pass placements=["sidebar", …] (keys) to assign it."""

    class Meta:
        model = Creative
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Bannière {n}")
    kind = Creative.Kind.IMAGE
    image = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="banniere.png"))
    alt_text = "Promotion de la Banque du Golfe"
    target_url = "https://annonceur.example.com/offre"
    weight = 1
    is_active = True

    @factory.post_generation
    def placements(self, create, extracted, **kwargs):
        if create and extracted:
            self.placements.set(Placement.objects.filter(key__in=extracted))


class HtmlCreativeFactory(CreativeFactory):
    kind = Creative.Kind.HTML
    image = None
    alt_text = ""
    target_url = ""
    html = "<div class='partner'>Publicité partenaire</div>"
