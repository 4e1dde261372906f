"""Receiving a reader's comment: POST, checks, then back to the article (POST/redirect/GET)."""

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article

from .captcha import dev_mode
from .forms import CommentForm
from .readers import forget_identity, remember_own_comment, set_remembered_identity
from .services import client_ip, comments_open, rate_limited
from .services import post_comment as store_comment


def _form_page(request, article, form, *, status, problem, closed=False):
    """Show the form again with what the reader typed and why it was not accepted."""
    context = {"article": article, "form": form, "problem": problem, "closed": closed}
    response = render(
        request,
        "comments/form_page.html",
        {**context, "dev_mode": dev_mode()},
        status=status,
    )
    # What this reader typed, with their CSRF token: for nobody else, kept nowhere.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _back_to_article(article, anchor="commentaires"):
    return redirect(f"{article.get_absolute_url()}#{anchor}")


@require_GET
@never_cache
def csrf_token(request):
    """Give the comment form of a cached page its CSRF token (and set the CSRF cookie)."""
    # The page itself is shared by every reader, so it cannot carry a personal token.
    return JsonResponse({"csrfToken": get_token(request)})


@require_POST
def post_comment(request, article_id):
    """Check and store a comment, then send the reader back to the article."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    ip = client_ip(request)
    form = CommentForm(request.POST, article=article, remote_ip=ip)
    if not comments_open(article):
        return _form_page(
            request,
            article,
            form,
            status=403,
            closed=True,
            problem=_(
                "Les commentaires sont fermés pour cet article. Votre texte n’a pas été "
                "envoyé ; vous pouvez le copier ci-dessous."
            ),
        )
    received = _(
        "Merci ! Votre commentaire a bien été reçu. Il est en attente de modération "
        "et sera publié après relecture."
    )
    if form.is_spam_trap:
        # Robots get the same answer as people and nothing is stored.
        messages.success(request, received, extra_tags="comments")
        return _back_to_article(article)
    if rate_limited(ip):
        return _form_page(
            request,
            article,
            form,
            status=429,
            problem=_(
                "Vous avez envoyé plusieurs commentaires en peu de temps. Patientez "
                "quelques minutes puis renvoyez celui-ci : votre texte est conservé."
            ),
        )
    if not form.is_valid():
        return _form_page(
            request,
            article,
            form,
            status=400,
            problem=_(
                "Votre commentaire n’a pas pu être envoyé. Corrigez ce qui est indiqué : "
                "votre texte est conservé."
            ),
        )
    data = form.cleaned_data
    comment, _created = store_comment(
        article=article,
        parent=data["parent"],
        author_name=data["author_name"],
        author_email=data["author_email"],
        body=data["body"],
        captcha=form.captcha_outcome,
        ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    if comment.is_approved:
        messages.success(request, _("Merci ! Votre commentaire est publié."), extra_tags="comments")
    else:
        messages.success(request, received, extra_tags="comments")
    response = _back_to_article(article, anchor=f"commentaire-{comment.pk}")
    remember_own_comment(request, response, comment.pk)
    if data["remember"]:
        set_remembered_identity(
            request, response, author_name=data["author_name"], author_email=data["author_email"]
        )
    else:
        forget_identity(response)
    return response
