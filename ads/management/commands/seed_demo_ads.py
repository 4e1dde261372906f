"""Create demo campaigns filling every placement (images drawn with Pillow; idempotent)."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from ads.models import AdsTxt, Campaign, Creative, Placement

DEMO_ADVERTISER = "Démo"
CAMPAIGNS = [
    # name, target, colours (background, text), headline, weight
    (
        "Banque du Golfe – épargne",
        "https://www.example.com/epargne",
        ("#0b3d91", "#ffffff"),
        "Épargnez malin : 4 % par an",
        3,
    ),
    (
        "Télécom Atlantique – forfaits",
        "https://www.example.com/forfaits",
        ("#f2a900", "#1a1a1a"),
        "Internet illimité dès 5 000 F CFA",
        2,
    ),
    (
        "Foire de Cotonou",
        "https://www.example.com/foire",
        ("#0f7b3f", "#ffffff"),
        "Foire internationale : entrée libre",
        1,
    ),
]
FONTS = ["DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]
ADS_TXT = (
    "# Vendeurs autorisés (exemple de démonstration)\nexample.com, pub-0000000000000000, DIRECT\n"
)


def draw_banner(width, height, background, colour, text):
    """Return a PNG banner of the given size with centred text."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    size = max(12, min(height // 3, width // max(len(text) // 2, 1)))
    font = None
    for name in FONTS:
        try:
            font = ImageFont.truetype(name, size)
            break
        except OSError:
            continue
    if font is None:
        # Pillow's own font lacks some accented capitals; it is the last resort.
        font = ImageFont.load_default(size=size)
    box = draw.textbbox((0, 0), text, font=font)
    position = ((width - (box[2] - box[0])) / 2, (height - (box[3] - box[1])) / 2)
    draw.text(position, text, fill=colour, font=font)
    draw.rectangle([0, 0, width - 1, height - 1], outline=colour, width=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Create demo ad campaigns for every placement (does nothing if they exist)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        placements = list(Placement.objects.all())
        created = 0
        for name, target, (background, colour), headline, weight in CAMPAIGNS:
            campaign, new = Campaign.objects.get_or_create(
                advertiser=DEMO_ADVERTISER,
                name=name,
                defaults={
                    "starts_at": now - timedelta(days=1),
                    "ends_at": now + timedelta(days=365),
                },
            )
            if not new:
                continue
            created += 1
            for placement in placements:
                creative = Creative(
                    campaign=campaign,
                    name=f"{name} – {placement.name}",
                    kind=Creative.Kind.IMAGE,
                    alt_text=f"{name} : {headline}",
                    target_url=target,
                    weight=weight,
                )
                png = draw_banner(placement.width, placement.height, background, colour, headline)
                creative.image.save(f"{placement.key}.png", ContentFile(png), save=False)
                creative.save()
                creative.placements.add(placement)
        ads_txt = AdsTxt.load()
        if not ads_txt.content:
            ads_txt.content = ADS_TXT
            ads_txt.save()
        self.stdout.write(f"{created} campagne(s) de démonstration créée(s).")
