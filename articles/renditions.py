"""Responsive renditions of featured images (django-imagekit specs).

Each rendition is an imagekit ``ImageCacheFile`` named from a hash of the source
name and the spec, stored under ``MEDIA_ROOT/CACHE/images/``. The cache-file
strategy is imagekit's ``JustInTime``: a rendition is generated the first time a
page needs its URL, then its existence is remembered in the Django cache (Redis
in production, with no expiry), so later requests only do a cache lookup and
never touch Pillow again.
"""

import logging

from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.cachefiles.state import prefetch_cachefile_states, use_cachefile_state_cache
from imagekit.processors import ResizeToFit

logger = logging.getLogger(__name__)

WIDTHS = (400, 800, 1200)
# The JPEG used as the <img src> for browsers that ignore srcset.
FALLBACK_WIDTH = 800
FORMATS = {"webp": ("WEBP", {"quality": 78, "method": 4}), "jpeg": ("JPEG", {"quality": 80})}


class _Rendition(ImageSpec):
    cachefile_strategy = "imagekit.cachefiles.strategies.JustInTime"


def _spec_class(width, fmt):
    pil_format, options = FORMATS[fmt]
    return type(
        f"Rendition{width}{fmt.title()}",
        (_Rendition,),
        {
            "processors": [ResizeToFit(width=width, upscale=False)],
            "format": pil_format,
            "options": options,
        },
    )


SPECS = {(width, fmt): _spec_class(width, fmt) for width in WIDTHS for fmt in FORMATS}
# imagekit applies the cache-file strategy to registered generators only.
for (_width, _fmt), _spec in SPECS.items():
    register.generator(f"articles:featured_{_width}_{_fmt}", _spec)


def rendition_widths(source_width):
    """Return the widths worth generating for an image `source_width` pixels wide."""
    if not source_width:
        return [WIDTHS[0]]
    widths = [w for w in WIDTHS if w < source_width]
    # The largest rendition is the image itself (no upscaling) when it is narrower.
    widths.append(min(source_width, WIDTHS[-1]))
    return sorted(set(widths))


def _url(cache_file):
    """Return the URL of a rendition, generating it the first time it is asked for."""
    try:
        return cache_file.url
    except Exception:
        # Forget the "generating" state imagekit left behind, or the broken file
        # would be considered present for ever.
        cache_file.cachefile_backend.set_state(cache_file, CacheFileState.DOES_NOT_EXIST)
        raise


def nearest(width):
    """Return the spec width that produces a rendition `width` pixels wide."""
    for spec_width in WIDTHS:
        if width <= spec_width:
            return spec_width
    return WIDTHS[-1]


# Rendition names are a hash of the source name and the spec, which imagekit
# recomputes (pickling the spec) for every file: ~20 ms an uncached article page.
# Once an image's renditions exist, each worker remembers their URLs.
_MEMO = {}
_MEMO_SIZE = 4096


def renditions(field_file, source_width, source_height):
    """Return the srcset entries and the fallback for a featured image, or None if unusable."""
    key = (field_file.name, source_width, source_height)
    found = _MEMO.get(key)
    if found is None:
        found = _renditions(field_file, source_width, source_height)
        if found is not None:
            if len(_MEMO) >= _MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = found
    return found


def _renditions(field_file, source_width, source_height):
    widths = rendition_widths(source_width)
    files = {
        (w, fmt): ImageCacheFile(SPECS[(nearest(w), fmt)](source=field_file))
        for w in widths
        for fmt in FORMATS
    }
    try:
        # One cache round trip (get_many) for the states of all renditions of this image.
        with use_cachefile_state_cache() as states:
            prefetch_cachefile_states(files.values(), state_cache=states)
            sets = {fmt: [(_url(files[(w, fmt)]), w) for w in widths] for fmt in FORMATS}
    except Exception:
        # A missing or corrupt file must not break the page: log it, show no image.
        logger.exception("Impossible de produire les déclinaisons de %s", field_file.name)
        return None
    fallback = next(
        (url for url, w in reversed(sets["jpeg"]) if w <= FALLBACK_WIDTH), sets["jpeg"][0][0]
    )
    return {
        "webp_srcset": ", ".join(f"{url} {w}w" for url, w in sets["webp"]),
        "jpeg_srcset": ", ".join(f"{url} {w}w" for url, w in sets["jpeg"]),
        "src": fallback,
        "width": source_width,
        "height": source_height,
    }
