"""Advertising: placements (slots), campaigns, creatives, daily statistics and ads.txt."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_ad_image, validate_target_url


def creative_image_path(instance, filename):
    """Store creatives under ads/YYYY/MM/ with a random name."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in {".jpg", ".jpeg", ".png", ".gif", ".webp"}:
        suffix = ".jpg"
    return f"ads/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Placement(models.Model):
    key = models.SlugField(
        _("clé"),
        unique=True,
        help_text=_(
            "Identifiant utilisé par les gabarits du site (ex. « sidebar »). Ne pas changer."
        ),
    )
    name = models.CharField(_("nom"), max_length=100)
    width = models.PositiveSmallIntegerField(_("largeur (px)"), validators=[MinValueValidator(1)])
    height = models.PositiveSmallIntegerField(_("hauteur (px)"), validators=[MinValueValidator(1)])
    show_on_mobile = models.BooleanField(
        _("affiché sur mobile"),
        default=True,
        help_text=_("Décochez pour masquer cet emplacement sur les écrans de téléphone."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("emplacement")
        verbose_name_plural = _("emplacements")

    def __str__(self):
        return f"{self.name} ({self.width}×{self.height})"


class Campaign(models.Model):
    advertiser = models.CharField(_("annonceur"), max_length=150)
    name = models.CharField(_("nom de la campagne"), max_length=150)
    starts_at = models.DateTimeField(
        _("début"), help_text=_("Date et heure de début de diffusion.")
    )
    ends_at = models.DateTimeField(
        _("fin"), help_text=_("Date et heure de fin de diffusion (exclue).")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Décochez pour suspendre la diffusion.")
    )
    impression_cap = models.PositiveIntegerField(
        _("plafond d’impressions"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Nombre total d’impressions vendues ; vide = sans plafond."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        indexes = [models.Index(fields=["is_active", "ends_at"])]

    def __str__(self):
        return f"{self.advertiser} – {self.name}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin doit être postérieure au début.")})

    def is_running(self, now=None):
        """Say whether the campaign is active and within its dates."""
        now = now or timezone.now()
        return self.is_active and self.starts_at <= now < self.ends_at


class Creative(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        HTML = "html", _("Code HTML / script d’un partenaire")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="creatives", verbose_name=_("campagne")
    )
    placements = models.ManyToManyField(
        Placement,
        related_name="creatives",
        verbose_name=_("emplacements"),
        help_text=_("Emplacements que cette publicité peut occuper."),
    )
    name = models.CharField(_("nom"), max_length=150, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind, default=Kind.IMAGE)
    image = models.ImageField(
        _("image"),
        upload_to=creative_image_path,
        blank=True,
        validators=[validate_ad_image],
        help_text=_("JPEG, PNG, GIF ou WebP, idéalement aux dimensions de l’emplacement."),
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=200,
        blank=True,
        # xgettext:no-python-format  ("% c" here is text, not a placeholder)
        help_text=_("Décrit l’image pour les lecteurs malvoyants (ex. « Promo -20 % chez X »)."),
    )
    target_url = models.URLField(
        _("adresse de destination"),
        max_length=500,
        blank=True,
        validators=[validate_target_url],
        help_text=_("Page ouverte au clic (https://…)."),
    )
    html = models.TextField(
        _("code HTML"),
        blank=True,
        help_text=_("Code fourni par le partenaire ; affiché isolé dans un cadre protégé."),
    )
    weight = models.PositiveSmallIntegerField(
        _("poids"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Part de rotation : une publicité de poids 2 sort deux fois plus souvent."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("publicité")
        verbose_name_plural = _("publicités")
        permissions = [("manage_html_creative", _("Peut créer et modifier une publicité HTML"))]

    def __str__(self):
        return self.name or f"{self.get_kind_display()} #{self.pk}"

    def full_clean(self, exclude=None, *args, **kwargs):
        # Fields a form already refused are excluded: don't add "missing" to their error.
        self._excluded = set(exclude or ())
        super().full_clean(exclude, *args, **kwargs)

    def clean(self):
        missing = {}
        if self.kind == self.Kind.IMAGE:
            if not self.image:
                missing["image"] = _("Une publicité image doit avoir une image.")
            if not self.alt_text:
                missing["alt_text"] = _("Décrivez l’image pour les lecteurs malvoyants.")
            if not self.target_url:
                missing["target_url"] = _("Indiquez l’adresse ouverte au clic.")
        elif not self.html.strip():
            missing["html"] = _("Une publicité HTML doit contenir du code.")
        excluded = getattr(self, "_excluded", set())
        errors = {field: error for field, error in missing.items() if field not in excluded}
        if errors:
            raise ValidationError(errors)


class AdStat(models.Model):
    """Daily totals per creative, filled from the cache counters by flush_ad_stats."""

    date = models.DateField(_("jour"))
    creative = models.ForeignKey(
        Creative, on_delete=models.CASCADE, related_name="stats", verbose_name=_("publicité")
    )
    impressions = models.PositiveBigIntegerField(_("impressions"), default=0)
    clicks = models.PositiveBigIntegerField(_("clics"), default=0)

    class Meta:
        ordering = ["-date"]
        get_latest_by = "date"
        verbose_name = _("statistique quotidienne")
        verbose_name_plural = _("statistiques quotidiennes")
        constraints = [
            models.UniqueConstraint(fields=["date", "creative"], name="adstat_unique_day")
        ]

    def __str__(self):
        return f"{self.creative} – {self.date}"


class AdsTxt(models.Model):
    """The single ads.txt file, served at /ads.txt."""

    content = models.TextField(
        _("contenu"),
        blank=True,
        help_text=_("Une ligne par vendeur autorisé : domaine, identifiant, DIRECT ou RESELLER."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("fichier ads.txt")
        verbose_name_plural = _("fichier ads.txt")

    def __str__(self):
        return "ads.txt"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return "/ads.txt"

    @classmethod
    def load(cls):
        """Return the single instance, creating it empty if needed."""
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
