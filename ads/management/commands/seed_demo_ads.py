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


def _font(size):
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    # Pillow's own font lacks some accented capitals; it is the last resort.
    return ImageFont.load_default(size=size)


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]


def draw_banner(width, height, background, colour, text):
    """Return a PNG banner of the given size with the text wrapped and centred in it."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    margin = max(8, min(width, height) // 12)
    # The largest font whose wrapped lines fit inside the margins.
    for size in range(max(12, height // 3), 11, -2):
        font = _font(size)
        lines = _wrap(draw, text, font, width - 2 * margin)
        line_height = size * 1.25
        fits_width = all(draw.textlength(line, font=font) <= width - 2 * margin for line in lines)
        if fits_width and line_height * len(lines) <= height - 2 * margin:
            break
    top = (height - line_height * len(lines)) / 2
    for i, line in enumerate(lines):
        left = (width - draw.textlength(line, font=font)) / 2
        draw.text((left, top + i * line_height), line, fill=colour, font=font)
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
