"""The ad team's admin: who may enter, snippet permission, campaign form, reports."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ads import selection
from ads.models import AdStat, Campaign, Creative, Placement
from tests.factories import UserFactory

from .factories import CampaignFactory, CreativeFactory, HtmlCreativeFactory, png_bytes

pytestmark = pytest.mark.django_db

AD_MANAGER = "Régie publicitaire"


@pytest.fixture
def manager_client():
    client = Client()
    client.force_login(UserFactory(username="regie", role=AD_MANAGER))
    return client


@pytest.fixture
def no_html_client():
    """A staff user with every ads permission except the snippet one."""
    client = Client()
    user = UserFactory(username="stagiaire", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="ads").exclude(
            codename="manage_html_creative"
        )
    )
    client.force_login(user)
    return client


def campaign_data(*creatives, **overrides):
    """Build the admin's POST for a campaign and its inline creatives."""
    data = {
        "advertiser": "Banque du Golfe",
        "name": "Rentrée",
        "starts_at_0": "01/09/2026",
        "starts_at_1": "00:00:00",
        "ends_at_0": "01/10/2026",
        "ends_at_1": "00:00:00",
        "is_active": "on",
        "impression_cap": "",
        "creatives-TOTAL_FORMS": str(len(creatives)),
        "creatives-INITIAL_FORMS": str(sum(1 for c in creatives if c.get("id"))),
        "creatives-MIN_NUM_FORMS": "0",
        "creatives-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for index, creative in enumerate(creatives):
        for key, value in creative.items():
            data[f"creatives-{index}-{key}"] = value
    return data


def image_creative(**overrides):
    sidebar = Placement.objects.get(key="sidebar")
    return {
        "name": "Pavé rentrée",
        "kind": "image",
        "weight": "1",
        "is_active": "on",
        "placements": [str(sidebar.pk)],
        "image": SimpleUploadedFile("pave.png", png_bytes(), content_type="image/png"),
        "alt_text": "Ouvrez un compte épargne",
        "target_url": "https://banque.example.com/rentree",
        "html": "",
        **overrides,
    }


def html_creative(**overrides):
    return (
        image_creative(
            kind="html", image="", alt_text="", target_url="", html="<script>partner()</script>"
        )
        | overrides
    )


@pytest.mark.parametrize("role", ["Journaliste", "Modérateur", "Rédacteur en chef"])
def test_newsroom_roles_cannot_touch_ads(client, role):
    client.force_login(UserFactory(username="redac", role=role))
    campaign = CampaignFactory()
    for url in [
        reverse("admin:ads_campaign_changelist"),
        reverse("admin:ads_campaign_add"),
        reverse("admin:ads_campaign_change", args=[campaign.pk]),
        reverse("admin:ads_campaign_report", args=[campaign.pk]),
        reverse("admin:ads_placement_changelist"),
        reverse("admin:ads_adstxt_changelist"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("admin:ads_campaign_add"), campaign_data()).status_code == 403
    assert not Campaign.objects.filter(name="Rentrée").exists()


def test_ad_manager_creates_a_campaign_that_fills_the_sidebar(manager_client):
    response = manager_client.post(
        reverse("admin:ads_campaign_add"),
        campaign_data(image_creative(), starts_at_0="01/01/2020", ends_at_0="01/01/2100"),
    )
    assert response.status_code == 302, response.context["errors"]
    creative = Creative.objects.get()
    assert creative.image.name.startswith("ads/")
    assert selection.eligible_slot("sidebar")["creatives"][0]["id"] == creative.pk


def test_ad_manager_sees_the_preview_in_the_placement_size(manager_client):
    creative = CreativeFactory(placements=["sidebar"])
    url = reverse("admin:ads_campaign_change", args=[creative.campaign.pk])
    html = manager_client.get(url).content.decode()
    assert f'src="/pub/apercu/{creative.pk}/" width="300" height="250"' in html
    assert reverse("admin:ads_campaign_report", args=[creative.campaign.pk]) in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target_url", "javascript:alert(1)", "Saisissez une URL valide."),
        ("target_url", "ftp://banque.example.com/", "doit commencer par https://"),
        ("target_url", "", "Indiquez l’adresse ouverte au clic."),
        ("alt_text", "", "Décrivez l’image"),
        (
            "image",
            SimpleUploadedFile("faux.png", b"<html>", content_type="image/png"),
            "image",
        ),
    ],
)
def test_bad_creative_gets_a_french_error(manager_client, field, value, message):
    response = manager_client.post(
        reverse("admin:ads_campaign_add"), campaign_data(image_creative(**{field: value}))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert html.count('class="errorlist"') <= 2  # one message, not a pile of them
    assert not Creative.objects.exists()


def test_campaign_must_end_after_it_starts(manager_client):
    response = manager_client.post(
        reverse("admin:ads_campaign_add"), campaign_data(ends_at_0="01/08/2026")
    )
    assert "La fin doit être postérieure au début." in response.content.decode()
    assert not Campaign.objects.exists()


def test_only_the_snippet_permission_can_save_a_snippet(no_html_client, manager_client):
    response = no_html_client.post(
        reverse("admin:ads_campaign_add"), campaign_data(html_creative())
    )
    assert response.status_code == 200
    assert "autorisation de créer, modifier ou supprimer une publicité HTML" in (
        response.content.decode()
    )
    assert not Creative.objects.exists()

    response = manager_client.post(
        reverse("admin:ads_campaign_add"), campaign_data(html_creative())
    )
    assert response.status_code == 302
    assert Creative.objects.get().html == "<script>partner()</script>"


def test_without_snippet_permission_existing_snippets_are_untouchable(no_html_client):
    snippet = HtmlCreativeFactory(placements=["sidebar"])
    image = CreativeFactory(campaign=snippet.campaign, placements=["sidebar"])
    campaign = snippet.campaign
    url = reverse("admin:ads_campaign_change", args=[campaign.pk])

    def existing(creative, **overrides):
        return {
            "id": str(creative.pk),
            "campaign": str(campaign.pk),
            "name": creative.name,
            "kind": creative.kind,
            "weight": str(creative.weight),
            "is_active": "on",
            "placements": [str(p.pk) for p in creative.placements.all()],
            "alt_text": creative.alt_text,
            "target_url": creative.target_url,
            "html": creative.html,
            **overrides,
        }

    base = {
        "advertiser": campaign.advertiser,
        "name": campaign.name,
        "starts_at_0": campaign.starts_at.strftime("%d/%m/%Y"),
        "starts_at_1": "00:00:00",
        "ends_at_0": campaign.ends_at.strftime("%d/%m/%Y"),
        "ends_at_1": "00:00:00",
    }
    # Editing the image creative alone is fine.
    response = no_html_client.post(
        url, campaign_data(existing(snippet), existing(image, weight="5"), **base)
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.weight == 5
    # Changing or deleting the snippet is refused.
    for change in ({"html": "<b>autre</b>"}, {"DELETE": "on"}, {"kind": "image"}):
        response = no_html_client.post(
            url, campaign_data(existing(snippet, **change), existing(image), **base)
        )
        assert response.status_code == 200, change
        snippet.refresh_from_db()
        assert snippet.html == "<div class='partner'>Publicité partenaire</div>"
        assert snippet.kind == "html"


def test_report_shows_impressions_clicks_and_ctr_by_day(manager_client):
    creative = CreativeFactory(name="Pavé A")
    AdStat.objects.create(date=date(2026, 9, 1), creative=creative, impressions=200, clicks=3)
    AdStat.objects.create(date=date(2026, 9, 2), creative=creative, impressions=0, clicks=0)
    url = reverse("admin:ads_campaign_report", args=[creative.campaign.pk])
    html = manager_client.get(url).content.decode()
    assert "1,5 %" in html
    assert "200" in html

    response = manager_client.get(url, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Jour;Publicité;Impressions;Clics;Taux de clic (%)"
    assert lines[1:] == ["2026-09-01;Pavé A;200;3;1,5", "2026-09-02;Pavé A;0;0;"]


def test_report_includes_counts_still_in_the_cache(manager_client, client):
    creative = CreativeFactory(placements=["sidebar"])
    client.get(reverse("ads:slot", args=["sidebar"]))
    client.get(reverse("ads:click", args=[creative.pk]))
    url = reverse("admin:ads_campaign_report", args=[creative.campaign.pk])
    manager_client.get(url)
    stat = AdStat.objects.get()
    assert (stat.impressions, stat.clicks) == (1, 1)


def test_ads_txt_opens_straight_on_the_single_file(manager_client):
    response = manager_client.get(reverse("admin:ads_adstxt_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:ads_adstxt_change", args=[1])
    response = manager_client.post(
        response["Location"], {"content": "example.com, pub-1, DIRECT"}, follow=True
    )
    assert response.status_code == 200
    assert manager_client.get("/ads.txt").content == b"example.com, pub-1, DIRECT"


def test_ad_manager_group_has_exactly_the_ads_permissions():
    permissions = Group.objects.get(name=AD_MANAGER).permissions
    assert set(permissions.values_list("content_type__app_label", flat=True)) == {"ads"}
    codenames = set(permissions.values_list("codename", flat=True))
    assert {"add_campaign", "change_creative", "view_adstat", "manage_html_creative"} <= codenames
    assert "change_adstat" not in codenames  # statistics come from counting only


def test_placement_key_cannot_be_renamed(manager_client):
    placement = Placement.objects.get(key="sidebar")
    url = reverse("admin:ads_placement_change", args=[placement.pk])
    assert manager_client.get(url).status_code == 200
    response = manager_client.post(
        url, {"key": "autre", "name": "Colonne", "width": "300", "height": "600"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.key, placement.height) == ("sidebar", 600)


def test_campaign_list_says_which_campaigns_run(manager_client):
    now = timezone.now()
    CampaignFactory(
        name="Passée", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2)
    )
    CampaignFactory(
        name="Future", starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=9)
    )
    CampaignFactory(name="Suspendue", is_active=False)
    CampaignFactory(name="Courante")
    html = manager_client.get(reverse("admin:ads_campaign_changelist")).content.decode()
    for status in ["Terminée", "À venir", "Suspendue", "En cours"]:
        assert f'<td class="field-status">{status}</td>' in html
