"""Admin for the ad team (Régie publicitaire): campaigns, creatives, reports and ads.txt."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import reports
from .models import AdsTxt, Campaign, Creative, Placement

HTML_PERMISSION = "ads.manage_html_creative"
NO_HTML_PERMISSION = _(
    "Vous n’avez pas l’autorisation de créer, modifier ou supprimer une publicité HTML."
)


class CreativeForm(forms.ModelForm):
    can_manage_html = False

    class Meta:
        model = Creative
        fields = [
            "name",
            "kind",
            "weight",
            "is_active",
            "placements",
            "image",
            "alt_text",
            "target_url",
            "html",
        ]
        widgets = {
            "placements": forms.CheckboxSelectMultiple,
            "html": forms.Textarea(attrs={"rows": 6, "cols": 80, "spellcheck": "false"}),
        }

    def clean(self):
        cleaned = super().clean()
        # self.instance still holds the stored values here (they are copied in later).
        was_html = self.instance.pk and self.instance.kind == Creative.Kind.HTML
        wants_html = cleaned.get("kind") == Creative.Kind.HTML
        if not self.can_manage_html and (was_html or wants_html) and self.has_changed():
            raise ValidationError(NO_HTML_PERMISSION, code="html_permission")
        return cleaned


class CreativeFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        form_class = self.form
        for form in self.deleted_forms:
            if (
                not form_class.can_manage_html
                and form.instance.pk
                and form.instance.kind == Creative.Kind.HTML
            ):
                raise ValidationError(NO_HTML_PERMISSION, code="html_permission")


class CreativeInline(admin.StackedInline):
    model = Creative
    form = CreativeForm
    formset = CreativeFormSet
    extra = 0
    fields = [
        ("name", "kind", "weight", "is_active"),
        "placements",
        ("image", "alt_text"),
        "target_url",
        "html",
        "preview",
    ]
    readonly_fields = ["preview"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(
            "CreativeForm",
            (formset.form,),
            {"can_manage_html": request.user.has_perm(HTML_PERMISSION)},
        )
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("placements")

    @admin.display(description=_("aperçu"))
    def preview(self, obj):
        """Show the saved creative in an iframe of each placement's size."""
        if not obj.pk:
            return _("Enregistrez pour voir l’aperçu.")
        url = reverse("ads:preview", args=[obj.pk])
        return format_html_join(
            "",
            '<figure style="margin:0 0 1em"><figcaption>{}</figcaption>'
            '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
            'style="border:1px dashed #999;max-width:100%" sandbox="allow-scripts"></iframe>'
            "</figure>",
            (
                (str(p), url, p.width, p.height, _("Aperçu de la publicité"))
                for p in obj.placements.all()
            ),
        ) or _("Choisissez un emplacement pour voir l’aperçu.")


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "width", "height", "show_on_mobile"]
    search_fields = ["name", "key"]
    prepopulated_fields = {"key": ["name"]}

    def get_readonly_fields(self, request, obj=None):
        # Templates name placements by key: renaming one would empty its slot.
        return ["key"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "advertiser",
        "starts_at",
        "ends_at",
        "status",
        "impression_cap",
        "report_link",
    ]
    list_filter = ["is_active", "starts_at"]
    search_fields = ["name", "advertiser"]
    date_hierarchy = "starts_at"
    inlines = [CreativeInline]
    fieldsets = [
        (None, {"fields": ["advertiser", "name", ("starts_at", "ends_at"), "is_active"]}),
        (_("Plafond"), {"fields": ["impression_cap"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("statut"))
    def status(self, obj):
        now = timezone.now()
        if not obj.is_active:
            return _("Suspendue")
        if now < obj.starts_at:
            return _("À venir")
        if now >= obj.ends_at:
            return _("Terminée")
        return _("En cours")

    @admin.display(description=_("rapport"))
    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:ads_campaign_report", args=[obj.pk]), _("Voir")
        )

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [path("<int:pk>/rapport/", report, name="ads_campaign_report"), *super().get_urls()]

    def report_view(self, request, pk):
        """Show (or export as CSV) impressions, clicks and CTR per day and per creative."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return reports.campaign_report(request, pk, self.admin_site.each_context(request))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["report_url"] = reverse("admin:ads_campaign_report", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(AdsTxt)
class AdsTxtAdmin(admin.ModelAdmin):
    fields = ["content", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Go straight to the single ads.txt."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        AdsTxt.load()
        return redirect("admin:ads_adstxt_change", 1)
