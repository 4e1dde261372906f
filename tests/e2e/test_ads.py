"""A reader sees an ad on an article, clicks it, lands on the advertiser's page; it is counted."""

import importlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from ads.counting import flush_stats
from ads.models import AdStat, Campaign, Creative, Placement
from tests.ads.factories import png_bytes
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BODY = "".join(f"<p>Paragraphe {n} de l’article.</p>" for n in range(1, 6))


def ads_setup():
    """Recreate the placements and the ad team's group (transactional tests flush them)."""
    migration = importlib.import_module("ads.migrations.0002_placements_and_roles")
    for key, name, width, height, mobile in migration.PLACEMENTS:
        Placement.objects.get_or_create(
            key=key,
            defaults={"name": name, "width": width, "height": height, "show_on_mobile": mobile},
        )
    group, _created = Group.objects.get_or_create(name=migration.AD_MANAGER)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ads", codename__in=migration.PERMISSIONS
        )
    )


def test_reader_clicks_an_image_ad_and_the_click_is_counted(page, live_server, screenshot):
    ads_setup()
    placement = Placement.objects.get(key="article_top")
    campaign = Campaign.objects.create(
        advertiser="Banque du Golfe",
        name="Rentrée",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=1),
    )
    creative = Creative(
        campaign=campaign,
        kind=Creative.Kind.IMAGE,
        alt_text="Ouvrez un compte épargne à la Banque du Golfe",
        # The advertiser's page: served by the live server itself, so no network is needed.
        target_url=f"{live_server.url}/ads.txt",
    )
    creative.image.save("banniere.png", ContentFile(png_bytes(728, 90)), save=False)
    creative.save()
    creative.placements.add(placement)
    article = ArticleFactory(body=BODY)

    page.goto(article.get_absolute_url())
    slot = page.locator('[data-ad-slot="article_top"]')
    assert slot.get_by_text("Publicité", exact=True).is_visible()
    box = slot.locator("iframe").bounding_box()
    assert round(box["width"] / box["height"]) == 8  # 728×90 reserved before it loads

    screenshot("ads-article")
    ad = page.frame_locator('[data-ad-slot="article_top"] iframe').get_by_role(
        "link", name="Ouvrez un compte épargne à la Banque du Golfe"
    )
    assert ad.get_attribute("rel") == "sponsored noopener"
    assert re.fullmatch(rf"/pub/{creative.pk}/click/", ad.get_attribute("href"))
    with page.expect_navigation(url=f"{live_server.url}/ads.txt"):
        ad.click()

    flush_stats()
    stat = AdStat.objects.get(creative=creative)
    assert stat.clicks == 1
    assert stat.impressions == 1


def test_ad_manager_creates_a_campaign_sees_it_and_reads_its_report(page, live_server, tmp_path):
    ads_setup()
    UserFactory(username="regie", role="Régie publicitaire")
    ArticleFactory(body=BODY)
    banner = tmp_path / "pave.png"
    banner.write_bytes(png_bytes(300, 250))

    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("regie")
    page.get_by_label("Mot de passe").fill("pass-word-123")
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/ads/campaign/add/")
    page.fill("#id_advertiser", "Banque du Golfe")
    page.fill("#id_name", "Rentrée")
    today = timezone.localtime()
    page.fill("#id_starts_at_0", (today - timedelta(days=1)).strftime("%d/%m/%Y"))
    page.fill("#id_starts_at_1", "00:00:00")
    page.fill("#id_ends_at_0", (today + timedelta(days=30)).strftime("%d/%m/%Y"))
    page.fill("#id_ends_at_1", "00:00:00")
    page.locator(".add-row a").click()
    page.fill("#id_creatives-0-name", "Pavé rentrée")
    page.locator("#creatives-0").get_by_label("Colonne / liste (300×250)").check()
    page.set_input_files("#id_creatives-0-image", str(banner))
    page.fill("#id_creatives-0-alt_text", "Ouvrez un compte épargne")
    page.fill("#id_creatives-0-target_url", f"{live_server.url}/ads.txt")
    page.locator("input[name=_continue]").click()
    page.wait_for_url("**/change/")
    expect(page.locator(".messagelist")).to_contain_text("a été ajouté")
    # The saved creative is previewed in its placement's size.
    preview = page.locator('iframe[title="Aperçu de la publicité"]')
    assert (preview.get_attribute("width"), preview.get_attribute("height")) == ("300", "250")

    reader = page.context.browser.new_page(base_url=live_server.url)
    reader.goto("/")
    reader.frame_locator('[data-ad-slot="sidebar"] iframe').get_by_role(
        "link", name="Ouvrez un compte épargne"
    ).click()
    reader.wait_for_url(f"{live_server.url}/ads.txt")
    reader.close()

    page.get_by_role("link", name="Rapport").click()
    totals = page.locator("#content-main table").first
    assert totals.locator("tbody tr").count() == 1
    cells = totals.locator("tbody td").all_inner_texts()
    assert cells[1:] == ["1", "1", "100,0 %"]  # one impression, one click, the next minute
