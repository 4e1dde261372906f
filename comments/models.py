"""Readers' comments, the banned-word list and the log of moderation decisions."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments readers may see."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def moderate(self, status, *, user, note=""):
        """Give every comment of this queryset `status`, logging each change; return the count."""
        changed = 0
        with transaction.atomic():
            # Lock the rows themselves (the admin's queryset joins nullable relations).
            rows = Comment.objects.filter(pk__in=self.values("pk")).exclude(status=status)
            for comment in rows.select_for_update().order_by("pk"):
                comment.moderate(status, user=user, note=note)
                changed += 1
        return changed


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Approuvé")
        REJECTED = "rejected", _("Rejeté")
        SPAM = "spam", _("Indésirable")

    class HoldReason(models.TextChoices):
        LOW_SCORE = "low_score", _("Score reCAPTCHA bas")
        CAPTCHA_UNAVAILABLE = "captcha_unavailable", _("Vérification reCAPTCHA indisponible")
        TOO_MANY_LINKS = "too_many_links", _("Trop de liens")
        BANNED_WORD = "banned_word", _("Mot interdit")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("nom"), max_length=80)
    author_email = models.EmailField(
        _("adresse e-mail"), help_text=_("Jamais affichée publiquement.")
    )
    body = models.TextField(
        _("commentaire"), help_text=_("Texte simple, tel que le lecteur l’a écrit.")
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.PENDING)
    captcha_score = models.FloatField(_("score reCAPTCHA"), null=True, blank=True)
    hold_reasons = models.JSONField(_("motifs de mise en attente"), default=list, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    user_agent = models.CharField(_("navigateur"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        get_latest_by = "created_at"
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        permissions = [
            ("moderate_comment", _("Peut approuver, rejeter ou marquer comme indésirable"))
        ]
        indexes = [
            models.Index(
                fields=["article", "status", "created_at"], name="comment_article_status_idx"
            ),
            models.Index(fields=["status", "created_at"], name="comment_status_created_idx"),
            models.Index(fields=["author_email"], name="comment_email_idx"),
            # The moderation queue's order (see CommentAdmin): pending, spam, then the
            # rest, oldest first; the admin adds -pk. A page is read from the index
            # instead of sorting a million rows.
            models.Index(
                models.Case(
                    models.When(status="pending", then=models.Value(0)),
                    models.When(status="spam", then=models.Value(1)),
                    default=models.Value(2),
                    output_field=models.IntegerField(),
                ),
                "created_at",
                models.F("id").desc(),
                name="comment_queue_idx",
            ),
        ]

    def __str__(self):
        return _("Commentaire de %(name)s sur « %(article)s »") % {
            "name": self.author_name,
            "article": self.article.title,
        }

    def get_absolute_url(self):
        url = reverse("articles:article-detail", kwargs={"slug": self.article.slug})
        return f"{url}#commentaire-{self.pk}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def hold_reason_labels(self):
        """Return the translated labels of the hold reasons."""
        labels = dict(self.HoldReason.choices)
        return [str(labels.get(reason, reason)) for reason in self.hold_reasons or []]

    def moderate(self, status, *, user, note=""):
        """Set `status`, record who decided and when, and log the change."""
        previous = self.status
        self.status = status
        self.moderated_by = user
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
        CommentModeration.objects.create(
            comment=self,
            from_status=previous,
            to_status=status,
            moderator=user,
            created_at=self.moderated_at,
            note=note,
        )


class CommentModeration(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("commentaire"), on_delete=models.CASCADE, related_name="moderations"
    )
    from_status = models.CharField(_("ancien statut"), max_length=10, choices=Comment.Status)
    to_status = models.CharField(_("nouveau statut"), max_length=10, choices=Comment.Status)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérateur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        verbose_name = _("décision de modération")
        verbose_name_plural = _("journal de modération")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class BannedWord(models.Model):
    word = models.CharField(
        _("mot ou expression"),
        max_length=100,
        unique=True,
        help_text=_(
            "Un commentaire qui le contient est mis en attente. Majuscules et accents "
            "ne comptent pas ; le mot entier doit correspondre."
        ),
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("mot interdit")
        verbose_name_plural = _("mots interdits")

    def __str__(self):
        return self.word
