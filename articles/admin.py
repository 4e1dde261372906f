"""The newsroom's admin: what each role may see and do is enforced here, on the server."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from newsportal.paginator import EstimatedCountPaginator

from .images import SafeImageFormField
from .models import Article, Author, Category, Tag

WRITER_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}


def can_publish(user):
    return user.has_perm("articles.publish_article")


def is_own(user, article):
    return article.created_by_id == user.pk or any(
        a.user_id == user.pk for a in article.authors.all()
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "show_in_nav", "article_count"]
    list_editable = ["position", "show_in_nav"]
    list_filter = ["show_in_nav", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering: restore it (autocomplete paginates this).
        qs = super().get_queryset(request).annotate(_article_count=Count("articles"))
        return qs.order_by(*Category._meta.ordering)

    @admin.display(description=_("articles"), ordering="_article_count")
    def article_count(self, obj):
        return obj._article_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AuthorAdminForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = "__all__"  # noqa: DJ007 — the admin chooses what is shown.
        field_classes = {"photo": SafeImageFormField}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["display_name", "user", "slug"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 — the admin's fieldsets choose what is shown.
        field_classes = {"featured_image": SafeImageFormField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Restoring an old version (history view) must not move a published
        # article to another address: keep the stored slug.
        if "slug" not in self.fields and self.instance.pk and self.instance.was_published():
            self.instance.slug = (
                Article.objects.filter(pk=self.instance.pk).values_list("slug", flat=True).get()
            )

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not can_publish(self.user) and status not in WRITER_STATUSES:
            raise forms.ValidationError(
                _("Seule la rédaction en chef peut publier ou dépublier un article.")
            )
        return status


class CategoryFilter(admin.RelatedFieldListFilter):
    """The category filter in one query (a category's name includes its parent's)."""

    def field_choices(self, field, request, model_admin):
        categories = Category.objects.select_related("parent").order_by("position", "name")
        return [(category.pk, str(category)) for category in categories]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "category",
        "author_names",
        "published_at",
        "is_featured",
        "is_breaking",
    ]
    list_filter = ["status", "is_featured", "is_breaking", ("category", CategoryFilter), "authors"]
    list_select_related = ["category", "category__parent"]
    search_fields = ["title", "standfirst"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category", "tags", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    list_per_page = 50
    show_full_result_count = False
    # No COUNT(*) over the whole table on every page (100 000+ rows).
    paginator = EstimatedCountPaginator
    save_on_top = True
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "slug", "standfirst", "body"]}),
        (
            _("Image principale"),
            {
                "fields": [
                    "featured_image",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (_("Classement"), {"fields": ["category", "tags", "authors"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "is_breaking",
                    "comments_enabled",
                ]
            },
        ),
        (
            _("Référencement"),
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]},
        ),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request).prefetch_related("authors")
        return qs.editable_by(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [(s.value, s.label) for s in Article.Status if s in WRITER_STATUSES]
            kwargs["help_text"] = _(
                "Choisissez « En relecture » quand l’article est prêt : "
                "la rédaction en chef le relira et le publiera."
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.was_published() else self.prepopulated_fields

    def get_readonly_fields(self, request, obj=None):
        readonly = []
        if obj is not None and obj.was_published():
            readonly.append("slug")
        if not can_publish(request.user):
            readonly += ["published_at", "is_featured", "is_breaking"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or can_publish(request.user):
            return True
        # Journalists edit their own articles until the desk publishes them.
        return is_own(request.user, obj) and obj.status in WRITER_STATUSES

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        # Journalists see their own articles only (also in the history views,
        # which do not go through get_queryset).
        return obj is None or can_publish(request.user) or is_own(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request.user)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # simple-history passes an old version here: judge the article as it is now.
        if obj is not None and obj.pk:
            obj = self.get_queryset(request).filter(pk=obj.pk).first()
            if obj is None:
                return False
        return super().has_view_history_or_change_history_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POSTed old version after checking only the view
        # permission: check the current article against the change rules first.
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, article):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if obj.is_scheduled:
            when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            self.message_user(
                request,
                _("Article programmé : il paraîtra seul le %(date)s.") % {"date": when},
                messages.INFO,
            )
        elif obj.status == Article.Status.REVIEW and not can_publish(request.user):
            self.message_user(
                request,
                _("Article envoyé en relecture : la rédaction en chef le publiera."),
                messages.INFO,
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and not can_publish(request.user):
            article = self.get_object(request, unquote(object_id))
            if article is not None and not self.has_change_permission(request, article):
                # Tell the journalist why the form is read-only instead of leaving them guessing.
                self.message_user(
                    request,
                    _(
                        "Cet article a été publié par la rédaction en chef : vous ne pouvez "
                        "plus le modifier. Demandez une correction à la rédaction en chef."
                    ),
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        profile = getattr(request.user, "author_profile", None)
        if not change and profile is not None and not article.authors.exists():
            article.authors.add(profile)

    @admin.display(description=_("statut"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span title="{}">⏱ {}</span>',
                _("Programmé"),
                _("Programmé"),
            )
        return obj.get_status_display()

    @admin.display(description=_("auteurs"))
    def author_names(self, obj):
        return ", ".join(a.display_name for a in obj.authors.all())

    @admin.action(description=_("Publier maintenant"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            if article.published_at is None or article.published_at > now:
                article.published_at = now
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d article publié.", "%d articles publiés.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Dépublier"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.UNPUBLISHED
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d article dépublié.", "%d articles dépubliés.", count) % count,
            messages.SUCCESS,
        )
