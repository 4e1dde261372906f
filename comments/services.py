"""Posting a comment (checks, hold reasons, storage) and the rules around it."""

import ipaddress
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import BannedWord, Comment

LINK_RE = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def comments_open(article, *, now=None):
    """Whether readers may still comment on `article` (flag, then age)."""
    if not article.comments_enabled or not article.is_published:
        return False
    days = settings.COMMENTS_AUTO_CLOSE_DAYS
    if days and article.published_at:
        return (now or timezone.now()) < article.published_at + timedelta(days=days)
    return True


def client_ip(request):
    """Return the reader's address; the proxy in front sets REMOTE_ADDR (see gunicorn.conf)."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _rate_key(ip):
    return f"comments:rate:{ip}"


def rate_limited(ip):
    """Whether `ip` has used up its comments for the current window."""
    if not ip or settings.COMMENTS_RATE_LIMIT <= 0:
        return False
    return (cache.get(_rate_key(ip)) or 0) >= settings.COMMENTS_RATE_LIMIT


def count_towards_rate(ip):
    """Count one comment for `ip` (atomic on Redis and local memory)."""
    if not ip:
        return
    key = _rate_key(ip)
    # add() starts the window only once; incr() is atomic in both backends.
    cache.add(key, 0, timeout=settings.COMMENTS_RATE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=settings.COMMENTS_RATE_WINDOW)


def _fold(text):
    """Lower-case `text` and drop accents, so "Arnaque" matches "arnaqué"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def banned_words_in(text):
    """Return the banned words or phrases found, as whole words, in `text`."""
    folded = _fold(text)
    found = []
    for word in BannedWord.objects.values_list("word", flat=True):
        needle = _fold(word).strip()
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded):
            found.append(word)
    return found


def hold_reasons_for(body, captcha):
    """Return why a comment with `body` and captcha outcome `captcha` must wait."""
    reasons = []
    if captcha.verdict == "low_score":
        reasons.append(Comment.HoldReason.LOW_SCORE)
    elif captcha.verdict == "unavailable":
        reasons.append(Comment.HoldReason.CAPTCHA_UNAVAILABLE)
    if len(LINK_RE.findall(body)) > settings.COMMENTS_MAX_LINKS:
        reasons.append(Comment.HoldReason.TOO_MANY_LINKS)
    if banned_words_in(body):
        reasons.append(Comment.HoldReason.BANNED_WORD)
    return [str(reason) for reason in reasons]


def find_duplicate(*, article, body, author_email, parent=None):
    """Return the same text sent by the same reader on `article` within the duplicate window."""
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW)
    return (
        Comment.objects.filter(
            article=article,
            parent=parent,
            body=body,
            author_email__iexact=author_email,
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )


def post_comment(*, article, parent, author_name, author_email, body, captcha, ip, user_agent):
    """Store a reader's comment with its status and hold reasons; return (comment, created)."""
    count_towards_rate(ip)
    with transaction.atomic():
        # A double click or a resent form: same reader, same text.
        duplicate = find_duplicate(
            article=article, body=body, author_email=author_email, parent=parent
        )
        if duplicate is not None:
            return duplicate, False
        reasons = hold_reasons_for(body, captcha)
        status = Comment.Status.SPAM if captcha.verdict == "low_score" else Comment.Status.PENDING
        if (
            not reasons
            and settings.COMMENTS_AUTO_APPROVE_KNOWN_AUTHORS
            and Comment.objects.approved().filter(author_email__iexact=author_email).exists()
        ):
            status = Comment.Status.APPROVED
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            author_name=author_name,
            author_email=author_email,
            body=body,
            status=status,
            captcha_score=captcha.score,
            hold_reasons=reasons,
            ip_address=ip,
            user_agent=(user_agent or "")[:300],
        )
    return comment, True
