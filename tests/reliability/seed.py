"""Content for the live servers: one rubric, two articles, an editor-in-chief; prints JSON.

Run once per test session into the template database (`python -m tests.reliability.seed`).
"""

import json

import django


def seed():
    """Create the content the reliability tests read and edit; return what they need to know."""
    from django.contrib.auth import get_user_model

    from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

    category = CategoryFactory(name="Politique", slug="politique")
    author = AuthorFactory(display_name="Awa Dossou", slug="awa-dossou")
    article = ArticleFactory(
        title="Le budget 2027 adopté à l’Assemblée",
        slug="budget-2027-adopte",
        category=category,
        authors=[author],
    )
    ArticleFactory(title="Les routes du nord rouvertes", slug="routes-du-nord", category=category)
    password = "Relia-bility-2027!"
    get_user_model().objects.create_superuser("chef", "chef@example.org", password)
    return {
        "article_id": article.pk,
        "article_url": article.get_absolute_url(),
        "article_title": article.title,
        "category_url": category.get_absolute_url(),
        "username": "chef",
        "password": password,
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(seed()))  # noqa: T201 — read by the test session
