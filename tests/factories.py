"""factory_boy factories shared by every test package."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Author, Category, Tag


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = False
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """Pass role="Journaliste" (a group name) to put the user in that group."""
        if extracted:
            self.is_staff = True
            self.groups.add(Group.objects.get(name=extracted))
        self.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Rubrique {n}")
    slug = factory.Sequence(lambda n: f"rubrique-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Mot-clé {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    display_name = factory.Sequence(lambda n: f"Auteur {n}")
    slug = factory.Sequence(lambda n: f"auteur-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by default; pass status/published_at for others."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Le gouvernement annonce la mesure numéro {n}")
    standfirst = "Un résumé de l’article en une phrase."
    body = "<p>Premier paragraphe.</p><p>Deuxième paragraphe.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved reader comment by default; pass status="pending" for the queue."""

    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Lecteur {n}")
    author_email = factory.LazyAttribute(
        lambda c: f"{c.author_name.lower().replace(' ', '')}@example.org"
    )
    body = factory.Sequence(lambda n: f"Un avis de lecteur, numéro {n}.")
    status = "approved"
    captcha_score = 0.9
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (tests)"
