"""The slot document, impression counting and flushing, click redirects and ads.txt."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ads import counting
from ads.models import AdStat, AdsTxt

from .factories import CreativeFactory, HtmlCreativeFactory

pytestmark = pytest.mark.django_db


def slot_url(key="sidebar"):
    return reverse("ads:slot", args=[key])


def test_slot_document_shows_the_image_with_a_tracked_sponsored_link(client, no_auto_flush):
    creative = CreativeFactory(placements=["sidebar"])
    response = client.get(slot_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/pub/{creative.pk}/click/"' in html
    assert 'target="_top" rel="sponsored noopener"' in html
    assert creative.image.url in html
    assert 'alt="Promotion de la Banque du Golfe"' in html
    # Framed by our own pages only, sandboxed even when opened alone, never cached.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"].startswith("sandbox ")
    assert "script-src" not in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_each_served_document_counts_one_impression_without_touching_the_database(
    client, no_auto_flush, django_assert_num_queries
):
    creative = CreativeFactory(placements=["sidebar"])
    client.get(slot_url())  # builds the snapshot
    with django_assert_num_queries(0):
        for _ in range(4):
            assert client.get(slot_url()).status_code == 200
    assert not AdStat.objects.exists()
    assert counting.flush_stats() == 1
    stat = AdStat.objects.get()
    assert (stat.creative, stat.date, stat.impressions, stat.clicks) == (
        creative,
        timezone.localdate(),
        5,
        0,
    )


def test_flush_is_idempotent_and_adds_to_the_days_row(client, no_auto_flush):
    CreativeFactory(placements=["sidebar"])
    client.get(slot_url())
    call_command("flush_ad_stats", stdout=None)
    call_command("flush_ad_stats", stdout=None)
    assert AdStat.objects.get().impressions == 1
    client.get(slot_url())
    client.get(slot_url())
    counting.flush_stats()
    assert AdStat.objects.get().impressions == 3


def test_requests_flush_by_themselves_once_per_interval(client):
    CreativeFactory(placements=["sidebar"])
    client.get(slot_url())  # the first request after a (re)start flushes
    assert AdStat.objects.get().impressions == 1
    client.get(slot_url())
    assert AdStat.objects.get().impressions == 1  # within the interval: still in the cache
    counting.cache.delete(counting.FLUSH_DUE_KEY)  # the interval has passed
    client.get(slot_url())
    assert AdStat.objects.get().impressions == 3


def test_empty_placement_serves_an_empty_document_not_an_error_page(client, no_auto_flush):
    response = client.get(slot_url("sidebar"))
    assert response.status_code == 200
    assert "<a " not in response.content.decode()


def test_broken_snippet_is_served_only_inside_its_own_sandboxed_document(client, no_auto_flush):
    HtmlCreativeFactory(html="<div><table><b>Offre", placements=["sidebar"])
    response = client.get(slot_url())
    assert "<div><table><b>Offre" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox allow-popups")
    assert "allow-same-origin" not in policy


def test_click_counts_and_redirects_to_the_stored_target_only(client):
    creative = CreativeFactory(placements=["sidebar"])
    url = reverse("ads:click", args=[creative.pk])
    response = client.get(url, {"next": "https://evil.example/", "url": "//evil.example"})
    assert response.status_code == 302
    assert response["Location"] == "https://annonceur.example.com/offre"
    assert response.headers.get("X-Robots-Tag") == "noindex"
    counting.flush_stats()
    stat = AdStat.objects.get()
    assert (stat.impressions, stat.clicks) == (0, 1)


@pytest.mark.parametrize(
    "make",
    [
        lambda: 999_999,
        lambda: CreativeFactory(is_active=False).pk,
        lambda: CreativeFactory(campaign__is_active=False).pk,
        lambda: HtmlCreativeFactory().pk,
    ],
    ids=["unknown", "inactive-creative", "inactive-campaign", "html-snippet"],
)
def test_click_refuses_unknown_or_inactive_creatives(client, make):
    response = client.get(reverse("ads:click", args=[make()]))
    assert response.status_code == 404
    counting.flush_stats()
    assert not AdStat.objects.exists()


def test_click_only_answers_get(client):
    creative = CreativeFactory()
    assert client.post(reverse("ads:click", args=[creative.pk])).status_code == 405


def test_ads_txt_is_plain_text_edited_in_the_admin(client):
    obj = AdsTxt.load()
    obj.content = "example.com, pub-123, DIRECT\n"
    obj.save()
    response = client.get("/ads.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "example.com, pub-123, DIRECT\n"


def test_ads_txt_is_empty_not_an_error_when_never_written(client):
    AdsTxt.objects.all().delete()
    response = client.get("/ads.txt")
    assert response.status_code == 200
    assert response.content == b""


def test_preview_is_for_the_ad_team_and_counts_nothing(client, django_user_model):
    creative = CreativeFactory(placements=["sidebar"])
    url = reverse("ads:preview", args=[creative.pk])
    assert client.get(url).status_code == 403
    manager = django_user_model.objects.create_user("regie", password="x", is_staff=True)
    from django.contrib.auth.models import Group

    manager.groups.add(Group.objects.get(name="Régie publicitaire"))
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    assert creative.image.url in response.content.decode()
    counting.flush_stats()
    assert not AdStat.objects.exists()


def test_with_a_page_cache_the_box_is_cached_but_rotation_and_counting_go_on(
    client, settings, django_assert_num_queries
):
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    first = CreativeFactory(placements=["sidebar"])
    second = CreativeFactory(placements=["sidebar"])
    home = client.get("/").content
    assert b'data-ad-slot="sidebar"' in home
    with django_assert_num_queries(0):
        assert client.get("/").content == home  # served from the page cache
    documents = [client.get(slot_url()).content.decode() for _ in range(40)]
    shown = {c.pk for c in (first, second) if any(f"/pub/{c.pk}/click/" in d for d in documents)}
    assert shown == {first.pk, second.pk}  # still rotating behind the cached page
    counting.flush_stats()
    assert sum(AdStat.objects.values_list("impressions", flat=True)) == 40


def test_head_requests_are_refused_and_not_counted(client, no_auto_flush):
    CreativeFactory(placements=["sidebar"])
    assert client.head(slot_url()).status_code == 405
    counting.flush_stats()
    assert not AdStat.objects.exists()
