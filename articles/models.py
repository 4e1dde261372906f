"""The newsroom's content: categories, tags, authors and articles."""

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .images import article_image_path, author_photo_path, validate_image
from .sanitizer import sanitize_html


def unique_slug(model, text, *, max_length=200, exclude_pk=None):
    """Return a slug of `text` not used yet by `model` (suffixes -2, -3…)."""
    base = slugify(text)[: max_length - 8].strip("-") or "sans-titre"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


class Category(models.Model):
    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=80,
        unique=True,
        help_text=_("Partie de l’adresse de la rubrique, par exemple « politique »."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("rubrique parente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Laisser vide pour une rubrique principale (deux niveaux au plus)."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Affichée en tête de la page de la rubrique.")
    )
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Les plus petits nombres viennent en premier.")
    )
    show_in_nav = models.BooleanField(
        _("dans le menu"),
        default=True,
        help_text=_("Afficher la rubrique dans la navigation du site."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("articles:category-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError(
                    {"parent": _("Une rubrique ne peut pas être sa propre parente.")}
                )
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Deux niveaux au plus : choisissez une rubrique principale.")}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {
                        "parent": _(
                            "Cette rubrique a des sous-rubriques : elle doit rester principale."
                        )
                    }
                )

    def ancestors(self):
        """Return the category path from the top, this category last."""
        return [self.parent, self] if self.parent_id else [self]


class Tag(models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=90, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mot-clé")
        verbose_name_plural = _("mots-clés")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, max_length=90, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag-detail", kwargs={"slug": self.slug})


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("Le compte de la rédaction qui signe sous ce nom (vide pour un pigiste)."),
    )
    display_name = models.CharField(_("nom affiché"), max_length=120)
    slug = models.SlugField(_("identifiant d’URL"), max_length=130, unique=True)
    bio = models.TextField(
        _("biographie"), blank=True, help_text=_("Quelques lignes, en texte simple.")
    )
    photo = models.ImageField(
        _("photo"), upload_to=author_photo_path, blank=True, validators=[validate_image]
    )

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("articles:author-detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published and whose publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published articles whose publication time is still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def editable_by(self, user):
        """Articles `user` may open in the admin."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(Q(created_by=user) | Q(authors__user=user)).distinct()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        PUBLISHED = "published", _("Publié")
        UNPUBLISHED = "unpublished", _("Dépublié")

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Généré depuis le titre ; ne change plus une fois l’article publié."),
    )
    kicker = models.CharField(
        _("surtitre"), max_length=120, blank=True, help_text=_("Court texte au-dessus du titre.")
    )
    standfirst = models.TextField(
        _("chapô"),
        max_length=600,
        blank=True,
        help_text=_("Le résumé en une ou deux phrases, affiché sous le titre et dans les listes."),
    )
    body = RichTextUploadingField(
        _("corps"),
        blank=True,
        help_text=_("Le texte de l’article. Le HTML non autorisé est retiré à l’enregistrement."),
    )
    featured_image = models.ImageField(
        _("image principale"),
        upload_to=article_image_path,
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        validators=[validate_image],
        help_text=_("JPEG, PNG, GIF ou WebP ; 10 Mo au plus."),
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_alt = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_("Décrit l’image pour les lecteurs qui ne la voient pas."),
    )
    featured_image_caption = models.CharField(_("légende"), max_length=300, blank=True)
    featured_image_credit = models.CharField(
        _("crédit"), max_length=120, blank=True, help_text=_("Photographe ou agence.")
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("rubrique"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("mots-clés"), blank=True, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("auteurs"), blank=True, related_name="articles"
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("date de publication"),
        null=True,
        blank=True,
        help_text=_(
            "Une date future programme la publication : l’article paraîtra seul à cette heure."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_featured = models.BooleanField(_("à la une"), default=False)
    is_breaking = models.BooleanField(_("dernière minute"), default=False)
    comments_enabled = models.BooleanField(_("commentaires ouverts"), default=True)
    seo_title = models.CharField(
        _("titre pour les moteurs"),
        max_length=70,
        blank=True,
        help_text=_("Facultatif : remplace le titre dans l’onglet et les résultats de recherche."),
    )
    seo_description = models.CharField(
        _("description pour les moteurs"),
        max_length=160,
        blank=True,
        help_text=_("Facultatif : sinon le chapô est utilisé."),
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authors, tags], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Peut publier, programmer et mettre à la une"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_cat_pub_idx"
            ),
            # The newsroom's changelist: every status, newest first, 50 at a time.
            models.Index(fields=["-published_at", "-id"], name="article_pub_id_idx"),
            # The breaking-news strip (every page) and the lead story (home): a few rows
            # each, found at once instead of by walking every newer article.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(is_breaking=True),
                name="article_breaking_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(is_featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.slug:
            super().save(*args, **kwargs)
            return
        # Two journalists may save the same headline at the same moment: if the
        # generated slug was taken in between, generate the next one.
        for attempt in range(3):
            self.slug = unique_slug(Article, self.title, max_length=220, exclude_pk=self.pk)
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                taken = Article.objects.exclude(pk=self.pk).filter(slug=self.slug).exists()
                if attempt == 2 or not taken:
                    raise

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def was_published(self):
        """Whether the stored version of this article has been visible to readers."""
        if not self.pk:
            return False
        stored = Article.objects.filter(pk=self.pk).values("status", "published_at", "slug").first()
        return bool(
            stored
            and stored["status"] in {self.Status.PUBLISHED, self.Status.UNPUBLISHED}
            and stored["published_at"]
            and stored["published_at"] <= timezone.now()
        )

    def clean(self):
        if self.slug and self.pk and self.was_published():
            stored_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if stored_slug != self.slug:
                raise ValidationError(
                    {"slug": _("L’article a été publié : son adresse ne peut plus changer.")}
                )

    @property
    def display_title(self):
        return self.seo_title or self.title

    @property
    def description(self):
        return self.seo_description or self.standfirst
