"""What a reader's browser keeps: their own pending comments and, if asked, name and email."""

import json

MINE_COOKIE = "np_comments_mine"
MINE_SALT = "comments.mine"
MINE_MAX = 20
MINE_AGE = 30 * 24 * 3600
REMEMBER_COOKIE = "np_commenter"
REMEMBER_SALT = "comments.remember"
REMEMBER_AGE = 365 * 24 * 3600


def own_comment_ids(request):
    """Return the ids of the comments this browser sent (signed cookie, no database)."""
    raw = request.get_signed_cookie(MINE_COOKIE, default="", salt=MINE_SALT, max_age=MINE_AGE)
    ids = []
    for part in raw.split(","):
        if part.isdigit():
            ids.append(int(part))
    return ids[-MINE_MAX:]


def remember_own_comment(request, response, comment_id):
    ids = [i for i in own_comment_ids(request) if i != comment_id] + [comment_id]
    response.set_signed_cookie(
        MINE_COOKIE,
        ",".join(str(i) for i in ids[-MINE_MAX:]),
        salt=MINE_SALT,
        max_age=MINE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def remembered_identity(request):
    """Return {"author_name", "author_email"} kept by "remember me", or {}."""
    raw = request.get_signed_cookie(
        REMEMBER_COOKIE, default="", salt=REMEMBER_SALT, max_age=REMEMBER_AGE
    )
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key])[:254] for key in ("author_name", "author_email") if data.get(key)}


def set_remembered_identity(request, response, *, author_name, author_email):
    response.set_signed_cookie(
        REMEMBER_COOKIE,
        json.dumps({"author_name": author_name, "author_email": author_email}),
        salt=REMEMBER_SALT,
        max_age=REMEMBER_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def forget_identity(response):
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")
