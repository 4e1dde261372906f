"""The moderation queue: pending first, whole comments readable, one-click decisions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.models import Article
from newsportal.paginator import EstimatedCountPaginator

from .display import render_body
from .models import BannedWord, Comment, CommentModeration

DECISIONS = {
    "approve": (Comment.Status.APPROVED, _("Approuver")),
    "reject": (Comment.Status.REJECTED, _("Rejeter")),
    "spam": (Comment.Status.SPAM, _("Indésirable")),
}


def can_moderate(user):
    return user.is_active and user.has_perm("comments.moderate_comment")


class ScoreBandFilter(admin.SimpleListFilter):
    title = _("score reCAPTCHA")
    parameter_name = "score"
    BANDS = {
        "low": (_("bas (< 0,5)"), {"captcha_score__lt": 0.5}),
        "mid": (_("moyen (0,5 à 0,7)"), {"captcha_score__gte": 0.5, "captcha_score__lt": 0.7}),
        "high": (_("bon (≥ 0,7)"), {"captcha_score__gte": 0.7}),
        "none": (_("sans score"), {"captcha_score__isnull": True}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _lookup) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(**band[1]) if band else queryset


class ArticleFilter(admin.SimpleListFilter):
    """Filter by article without listing every commented article (tens of thousands)."""

    title = _("article (le plus de commentaires en attente)")
    parameter_name = "article"
    TOP = 10

    def lookups(self, request, model_admin):
        waiting = (
            Comment.objects.pending()
            .values("article")
            .annotate(n=Count("pk"))
            .order_by("-n", "article")[: self.TOP]
        )
        ids = [row["article"] for row in waiting]
        chosen = self.value()
        if chosen and chosen.isdigit() and int(chosen) not in ids:
            ids.append(int(chosen))  # a link from elsewhere: keep it visible
        titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
        return [(str(pk), Truncator(titles[pk]).chars(60)) for pk in ids if pk in titles]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=int(value))
        return queryset


class ModerationInline(admin.TabularInline):
    model = CommentModeration
    extra = 0
    can_delete = False
    fields = ["created_at", "moderator", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = _("historique de modération")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "status_label",
        "quick_actions",
        "full_comment",
        "author",
        "article_link",
        "score",
        "reasons",
        "age",
    ]
    list_display_links = ["age"]
    list_filter = [
        "status",
        ScoreBandFilter,
        "created_at",
        # Not RelatedOnlyFieldListFilter: with a million comments it listed every
        # commented article on every page (megabytes of HTML).
        ArticleFilter,
    ]
    list_select_related = ["article", "parent"]
    search_fields = ["body", "author_name", "author_email", "article__title", "=ip_address"]
    # No date_hierarchy: its links need a DISTINCT over every comment on each page; the
    # "created_at" filter above offers the same periods for free.
    list_per_page = 50
    show_full_result_count = False
    # No COUNT(*) over the whole table on every page (100 000+ rows).
    paginator = EstimatedCountPaginator
    actions = ["approve_selected", "reject_selected", "mark_spam", "close_articles"]
    readonly_fields = [
        "article",
        "article_comments",
        "parent",
        "author_name",
        "author_email",
        "body_html",
        "captcha_score",
        "reasons",
        "ip_address",
        "user_agent",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    fieldsets = [
        (None, {"fields": ["status", "body_html", "article", "article_comments", "parent"]}),
        (_("Auteur"), {"fields": ["author_name", "author_email"]}),
        (_("Vérifications"), {"fields": ["captcha_score", "reasons", "created_at"]}),
        (_("Modération"), {"fields": ["moderated_by", "moderated_at"]}),
        (
            _("Données techniques"),
            {"classes": ["collapse"], "fields": ["ip_address", "user_agent"]},
        ),
    ]
    inlines = [ModerationInline]

    class Media:
        css = {"all": ["comments/moderation.css"]}
        js = ["comments/moderation.js"]

    def get_queryset(self, request):
        # The queue: pending first, then spam to rescue, oldest first within each.
        queryset = self.model._default_manager.get_queryset().annotate(
            queue_rank=Case(
                When(status=Comment.Status.PENDING, then=Value(0)),
                When(status=Comment.Status.SPAM, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        return queryset.order_by(*self.get_ordering(request))

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("File de modération des commentaires"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_ordering(self, request):
        return ["queue_rank", "created_at"]

    def has_add_permission(self, request):
        return False  # comments come from readers only

    def has_moderate_permission(self, request):
        return can_moderate(request.user)

    def get_readonly_fields(self, request, obj=None):
        if can_moderate(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, "status"]

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            obj.moderate(new_status, user=request.user, note="formulaire")
        else:
            super().save_model(request, obj, form, change)

    # Columns -------------------------------------------------------------
    @admin.display(description=_("statut"), ordering="queue_rank")
    def status_label(self, obj):
        return format_html(
            '<span class="comment-status status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("commentaire"))
    def full_comment(self, obj):
        excerpt = Truncator(obj.body).chars(90)
        reply = format_html("<em>{}</em> ", _("Réponse ·")) if obj.parent_id else ""
        return format_html(
            '<details><summary>{}{}</summary><div class="comment-full">{}</div></details>',
            reply,
            excerpt,
            render_body(obj.body),
        )

    @admin.display(description=_("auteur"), ordering="author_name")
    def author(self, obj):
        return format_html("{}<br><small>{}</small>", obj.author_name, obj.author_email)

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}#commentaires" target="_blank" rel="noopener">{}</a>',
            obj.article.get_absolute_url(),
            Truncator(obj.article.title).chars(45),
        )

    @admin.display(description=_("score"), ordering="captcha_score")
    def score(self, obj):
        return "—" if obj.captcha_score is None else f"{obj.captcha_score:.1f}"

    @admin.display(description=_("motifs"))
    def reasons(self, obj):
        return ", ".join(obj.hold_reason_labels()) or "—"

    @admin.display(description=_("âge"), ordering="created_at")
    def age(self, obj):
        return timesince(obj.created_at, depth=1)

    @admin.display(description=_("texte"))
    def body_html(self, obj):
        return render_body(obj.body)

    @admin.display(description=_("commentaires de l’article"))
    def article_comments(self, obj):
        if not obj.article.comments_enabled:
            return _("Fermés")
        url = reverse("admin:comments_article_close", args=[obj.article_id])
        return format_html(
            '{} <button type="submit" class="button" formaction="{}" formmethod="post" '
            "formnovalidate>{}</button>",
            _("Ouverts"),
            url,
            _("Fermer les commentaires de cet article"),
        )

    @admin.display(description=_("décider"))
    def quick_actions(self, obj):
        # Buttons of the changelist's own form (which carries the CSRF token):
        # formaction sends it to the one-comment moderation view.
        buttons = []
        for key in ("approve", "reject", "spam"):
            status, label = DECISIONS[key]
            if obj.status != status:
                url = reverse("admin:comments_comment_moderate", args=[obj.pk, key])
                buttons.append(
                    format_html(
                        '<button type="submit" class="button comment-{}" formaction="{}" '
                        'formmethod="post" data-decision="{}">{}</button>',
                        key,
                        url,
                        key,
                        label,
                    )
                )
        return format_html_join("", "{}", ((button,) for button in buttons))

    # One-click decisions ---------------------------------------------------
    def get_urls(self):
        custom = [
            path(
                "<int:pk>/moderer/<str:decision>/",
                self.admin_site.admin_view(require_POST(self.moderate_view)),
                name="comments_comment_moderate",
            ),
            path(
                "article/<int:article_id>/fermer/",
                self.admin_site.admin_view(require_POST(self.close_view)),
                name="comments_article_close",
            ),
        ]
        return custom + super().get_urls()

    def moderate_view(self, request, pk, decision):
        if not can_moderate(request.user) or decision not in DECISIONS:
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        status, _label = DECISIONS[decision]
        if comment.status != status:
            comment.moderate(status, user=request.user)
        self.message_user(
            request,
            _("Commentaire de %(name)s : %(status)s.")
            % {"name": comment.author_name, "status": comment.get_status_display().lower()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._back(request))

    def close_view(self, request, article_id):
        if not can_moderate(request.user):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=article_id)
        article.comments_enabled = False
        article.save(update_fields=["comments_enabled"])
        self.message_user(request, _("Commentaires fermés sur « %s ».") % article.title)
        return HttpResponseRedirect(self._back(request))

    def _back(self, request):
        changelist = reverse("admin:comments_comment_changelist")
        query = request.GET.urlencode()
        return f"{changelist}?{query}" if query else changelist

    # Bulk actions --------------------------------------------------------------
    def _bulk(self, request, queryset, status):
        count = queryset.moderate(status, user=request.user)
        label = Comment.Status(status).label.lower()
        self.message_user(
            request,
            ngettext(
                "%(count)d commentaire passé à « %(status)s ».",
                "%(count)d commentaires passés à « %(status)s ».",
                count,
            )
            % {"count": count, "status": label},
            messages.SUCCESS,
        )

    @admin.action(
        permissions=["moderate"], description=_("Approuver les commentaires sélectionnés")
    )
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, Comment.Status.APPROVED)

    @admin.action(permissions=["moderate"], description=_("Rejeter les commentaires sélectionnés"))
    def reject_selected(self, request, queryset):
        self._bulk(request, queryset, Comment.Status.REJECTED)

    @admin.action(permissions=["moderate"], description=_("Marquer comme indésirables"))
    def mark_spam(self, request, queryset):
        self._bulk(request, queryset, Comment.Status.SPAM)

    @admin.action(
        permissions=["moderate"],
        description=_("Fermer les commentaires des articles concernés"),
    )
    def close_articles(self, request, queryset):
        article_ids = set(queryset.values_list("article_id", flat=True))
        closed = 0
        for article in Article.objects.filter(pk__in=article_ids, comments_enabled=True):
            article.comments_enabled = False
            # save() rather than update(): the article's history records who closed them.
            article.save(update_fields=["comments_enabled"])
            closed += 1
        self.message_user(
            request,
            ngettext(
                "Commentaires fermés sur %(count)d article.",
                "Commentaires fermés sur %(count)d articles.",
                closed,
            )
            % {"count": closed},
        )


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]


@admin.register(CommentModeration)
class CommentModerationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "from_status", "to_status", "comment_link", "note"]
    list_filter = ["to_status", "moderator"]
    list_select_related = ["moderator", "comment"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("commentaire"))
    def comment_link(self, obj):
        url = reverse("admin:comments_comment_change", args=[obj.comment_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(obj.comment.body).chars(60))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def pending_count():
    """Return how many comments wait for a moderator (for the admin index badge)."""
    return Comment.objects.pending().count()
