"""The {% ad_slot %} tag and the inline slot on reader pages."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from ads.selection import bump
from ads.templatetags.ads import paragraph_ends, with_inline_ad
from tests.factories import ArticleFactory

from .factories import CampaignFactory, CreativeFactory, HtmlCreativeFactory

pytestmark = pytest.mark.django_db

BODY = "".join(f"<p>Paragraphe {n}.</p>" for n in range(1, 6))


def render(source):
    return Template("{% load ads %}" + source).render(Context())


def test_slot_without_eligible_creative_renders_nothing_at_all():
    CreativeFactory(campaign__is_active=False, placements=["sidebar"])
    assert render('{% ad_slot "sidebar" %}') == ""


def test_slot_reserves_the_placement_size_with_the_label():
    CreativeFactory(placements=["sidebar"])
    html = render('{% ad_slot "sidebar" %}')
    assert "Publicité" in html
    assert 'src="/pub/slot/sidebar/"' in html
    assert 'width="300" height="250"' in html
    assert "aspect-ratio:300/250" in html
    assert 'sandbox="allow-scripts allow-popups' in html
    assert "allow-same-origin" not in html


def test_slot_hidden_on_phones_when_the_placement_says_so():
    CreativeFactory(placements=["header"])
    assert "ad-slot--no-mobile" in render('{% ad_slot "header" %}')


def test_paragraph_ends_skip_paragraphs_nested_in_quotes_and_lists():
    body = "<p>Un</p>\n<blockquote><p>Cité</p></blockquote><ul><li><p>x</p></li></ul><P>Deux</P>"
    ends = paragraph_ends(body)
    assert len(ends) == 2
    assert body[: ends[0]] == "<p>Un</p>"
    assert ends[1] == len(body)


@override_settings(ADS_INLINE_AFTER_PARAGRAPH=2)
def test_inline_slot_goes_after_the_nth_paragraph():
    CreativeFactory(placements=["article_inline"])
    html = with_inline_ad(BODY, "article_inline")
    before, after = html.split('<div class="ad-slot', 1)
    assert before.endswith("<p>Paragraphe 2.</p>")
    assert after.split("</iframe>\n</div>", 1)[1].startswith("<p>Paragraphe 3.</p>")


@override_settings(ADS_INLINE_AFTER_PARAGRAPH=5)
def test_inline_slot_is_left_out_of_short_articles():
    CreativeFactory(placements=["article_inline"])
    assert with_inline_ad(BODY, "article_inline") == BODY


def test_article_page_fills_every_slot(client):
    campaign = CampaignFactory()
    for key in ["header", "article_top", "article_inline", "sidebar", "footer"]:
        CreativeFactory(campaign=campaign, placements=[key])
    article = ArticleFactory(body=BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    for key in ["header", "article_top", "article_inline", "sidebar", "footer"]:
        assert f'data-ad-slot="{key}"' in html


def test_page_without_ads_has_no_label_and_no_frame(client):
    article = ArticleFactory(body=BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "ad-slot" not in html
    assert "/pub/slot/" not in html


def test_broken_snippet_never_reaches_the_article_html(client):
    HtmlCreativeFactory(html="<div><table><b>Offre cassée", placements=["article_top", "sidebar"])
    article = ArticleFactory(body=BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Offre cassée" not in html
    assert 'data-ad-slot="article_top"' in html
    # The page structure is intact after the slot: the body follows, unbroken.
    assert '<div class="article-body"><p>Paragraphe 1.</p>' in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_slots_add_a_fixed_number_of_queries_whatever_the_number_of_ads(
    client, django_assert_max_num_queries
):
    article = ArticleFactory(body=BODY)
    url = article.get_absolute_url()
    client.get(url)  # warm the page's own caches (navigation…)
    bump()  # a cold ads snapshot: the worst case, once per minute or per ad change
    empty_cold = count_queries(client, url)
    empty_warm = count_queries(client, url)

    for n in range(200):
        CreativeFactory(
            image="ads/demo.png",
            campaign__impression_cap=10_000 if n % 2 else None,
            placements=["header", "article_top", "article_inline", "sidebar", "footer"],
        )
    client.get(url)
    bump()
    with django_assert_max_num_queries(empty_warm + 4):
        full_cold = count_queries(client, url)
    with django_assert_max_num_queries(empty_warm):
        full_warm = count_queries(client, url)
    assert full_warm == empty_warm  # a warm snapshot costs no query at all
    assert empty_cold == empty_warm + 1  # no campaign: one query per snapshot rebuild
    assert full_cold <= empty_warm + 4
    assert count_queries(client, url) == full_warm
