"""The search page: full-text search on PostgreSQL, a simple fallback on SQLite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, clean_query
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("articles:search")


def search(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    page = response.context.get("page_obj")
    return [a.title for a in page.object_list] if page else []


def stored_vector(article):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM articles_article WHERE id = %s", [article.pk]
        )
        return cursor.fetchone()[0]


# --- Behaviour common to both databases -----------------------------------------------------


def test_empty_query_shows_the_form_only(client):
    ArticleFactory(title="Le budget voté")

    response = search(client, "")

    assert 'role="search"' in response.text
    assert 'id="search-page-q"' in response.text
    assert "page_obj" not in response.context
    assert "Aucun article" not in response.text


def test_finds_a_word_of_the_title_and_the_body(client):
    ArticleFactory(title="Le budget 2027 adopté par les députés")
    ArticleFactory(title="Match nul à Cotonou", body="<p>Le stade était plein.</p>")
    ArticleFactory(title="Une autre nouvelle")

    assert titles(search(client, "budget")) == ["Le budget 2027 adopté par les députés"]
    assert titles(search(client, "stade")) == ["Match nul à Cotonou"]


def test_every_word_must_match(client):
    ArticleFactory(title="Le port de Cotonou s’agrandit")
    ArticleFactory(title="Le port de Lomé en grève")

    assert titles(search(client, "port Cotonou")) == ["Le port de Cotonou s’agrandit"]


def test_title_match_ranks_first(client):
    old = timezone.now() - timedelta(days=30)
    ArticleFactory(title="Réforme agricole", published_at=old)
    ArticleFactory(title="Actualité du jour", body="<p>On parle encore de la réforme agricole.</p>")

    assert titles(search(client, "réforme"))[0] == "Réforme agricole"


def test_only_published_articles_are_found(client):
    ArticleFactory(title="Ouragan publié")
    ArticleFactory(title="Ouragan brouillon", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Ouragan programmé", published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(title="Ouragan dépublié", status=Article.Status.UNPUBLISHED)

    assert titles(search(client, "ouragan")) == ["Ouragan publié"]


def test_no_result_says_so_and_suggests_the_latest_articles(client):
    ArticleFactory(title="Dernière nouvelle du jour")

    response = search(client, "zzyzxquux")

    assert "Aucun article ne correspond à « zzyzxquux »" in response.text
    assert "Les derniers articles" in response.text
    assert "Dernière nouvelle du jour" in response.text


def test_title_with_markup_is_shown_escaped(client):
    ArticleFactory(
        title="Alerte <script>alert(1)</script> piratage",
        standfirst="Le <b>piratage</b> & ses suites",
    )

    response = search(client, "piratage")

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
    assert "<b>piratage" not in response.text
    assert "<mark>" in response.text


def test_results_are_highlighted(client):
    ArticleFactory(title="La sécheresse menace les récoltes", standfirst="La sécheresse dure.")

    response = search(client, "sécheresse")

    assert "<mark>" in response.text
    assert "sécheresse</mark>" in response.text.lower()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "élection " * 2_000,
        "!!! ??? ... ;;; ***",
        "'; DROP TABLE articles_article; --",
        '" OR 1=1 --',
        "nul\x00byte",
        "\x00",
        "选举 انتخابات выборы 🗳️",
        "a & b | !c <-> d:*",
        "-",
        "\u202eénoitcelé",
        "%_%",
        "le la les de",
    ],
)
def test_absurd_queries_give_a_normal_page(client, query):
    ArticleFactory(title="Élection présidentielle")

    response = search(client, query)

    assert "Recherche" in response.text
    assert Article.objects.count() == 1


def test_search_only_answers_get_and_head(client):
    assert client.head(URL, {"q": "budget"}).status_code == 200
    assert client.post(URL, {"q": "budget"}).status_code == 405


def test_long_query_is_truncated_and_says_so(client):
    response = search(client, "mot " * 3_000)

    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "seuls ses 200 premiers caractères" in response.text


def test_clean_query_removes_control_characters():
    assert clean_query("  nul\x00 byte\u200b  ok\n") == "nul byte ok"
    assert clean_query(None) == ""


def test_results_are_paginated_and_keep_the_query(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        ArticleFactory(title=f"Inondations à Cotonou, jour {n}")

    first = search(client, "inondations")
    third = search(client, "inondations", page=3)

    assert len(titles(first)) == 2
    assert "?q=inondations&amp;page=2" in first.text
    assert len(titles(third)) == 1
    assert client.get(URL, {"q": "inondations", "page": 4}).status_code == 404
    assert client.get(URL, {"q": "inondations", "page": "abc"}).status_code == 404


def test_query_budget_does_not_grow_with_results(client, django_assert_max_num_queries, settings):
    settings.ARTICLES_PER_PAGE = 20
    category = CategoryFactory(parent=CategoryFactory())
    authors = AuthorFactory.create_batch(3)
    for n in range(25):
        ArticleFactory(title=f"Sommet africain, épisode {n}", category=category, authors=authors)

    with django_assert_max_num_queries(5):
        response = search(client, "sommet")

    assert len(titles(response)) == 20


def test_query_budget_without_result(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(3)

    with django_assert_max_num_queries(5):
        search(client, "introuvable")


def test_header_has_a_labelled_search_form(client):
    response = client.get(reverse("articles:home"))

    assert f'action="{URL}"' in response.text
    assert 'for="site-search-q"' in response.text


# --- PostgreSQL full-text search ------------------------------------------------------------


def test_search_ignores_accents(client, postgres_only):
    ArticleFactory(title="Élection présidentielle au Bénin")

    assert titles(search(client, "election")) == ["Élection présidentielle au Bénin"]
    assert titles(search(client, "BENIN")) == ["Élection présidentielle au Bénin"]


def test_search_finds_other_forms_of_a_word(client, postgres_only):
    ArticleFactory(title="Une élection disputée")

    assert titles(search(client, "élections")) == ["Une élection disputée"]


def test_search_weights_title_over_standfirst_over_body(client, postgres_only):
    ArticleFactory(title="Dans le corps", body="<p>La pêche artisanale recule.</p>")
    ArticleFactory(title="Dans le chapô", standfirst="La pêche artisanale recule.")
    ArticleFactory(title="La pêche artisanale recule")

    assert titles(search(client, "pêche")) == [
        "La pêche artisanale recule",
        "Dans le chapô",
        "Dans le corps",
    ]


def test_markup_of_the_body_is_not_indexed(client, postgres_only):
    ArticleFactory(title="Sans rapport", body='<p class="strong">Texte</p>')

    assert titles(search(client, "strong")) == []
    assert titles(search(client, "texte")) == ["Sans rapport"]


def test_body_excerpt_is_highlighted_without_markup(client, postgres_only):
    ArticleFactory(
        title="Conseil des ministres",
        standfirst="",
        body="<p>Le gouvernement a adopté le <strong>budget</strong> &amp; la loi.</p>",
    )

    response = search(client, "budget")

    assert "<mark>budget</mark>" in response.text
    assert "<strong>" not in response.text
    assert "&amp;amp;" not in response.text


def test_vector_follows_updates(client, postgres_only):
    article = ArticleFactory(title="Le barrage est terminé")
    assert "barrag" in stored_vector(article)

    article.title = "Le pont est terminé"
    article.save()

    assert "barrag" not in stored_vector(article)
    assert titles(search(client, "pont")) == ["Le pont est terminé"]
    Article.objects.filter(pk=article.pk).update(body="<p>Un tunnel aussi.</p>")
    assert titles(search(client, "tunnel")) == ["Le pont est terminé"]


def test_vector_is_filled_by_bulk_create(client, postgres_only):
    category = CategoryFactory()
    Article.objects.bulk_create(
        Article(
            title=f"Récolte de coton numéro {n}",
            slug=f"recolte-{n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1),
        )
        for n in range(3)
    )

    assert len(titles(search(client, "cotons"))) == 3


def test_websearch_syntax(client, postgres_only):
    ArticleFactory(title="Grève des enseignants")
    ArticleFactory(title="Grève des transporteurs")

    assert titles(search(client, "grève -transporteurs")) == ["Grève des enseignants"]
    assert titles(search(client, '"grève des enseignants"')) == ["Grève des enseignants"]


def test_finds_capitalised_accented_words(client):
    ArticleFactory(title="Élection au Bénin")

    assert titles(search(client, "élection")) == ["Élection au Bénin"]
