"""MEDIA_STORAGE=s3 puts uploads on S3-compatible storage; production refuses it half-configured."""

import pytest

from .utils import clean_env, load_settings, run_python

S3 = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "np-media",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
    "AWS_S3_REGION_NAME": "fr-par",
}
NAMES = [
    "STORAGES",
    "MEDIA_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_DEFAULT_ACL",
    "AWS_QUERYSTRING_AUTH",
    "AWS_S3_FILE_OVERWRITE",
]
# The URL django-storages gives an uploaded file, computed offline (no request is sent).
STORAGE_URL = (
    "import django; django.setup(); "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__module__ + '.' + type(s).__name__); print(s.url('articles/2026/une.jpg'))"
)


def test_local_storage_by_default(tmp_path):
    values = load_settings(tmp_path, NAMES)
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["MEDIA_URL"] == "/media/"
    assert values["AWS_STORAGE_BUCKET_NAME"] is None


def test_s3_storage_reads_its_settings_from_the_environment(tmp_path):
    values = load_settings(
        tmp_path, NAMES, AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud/", **S3
    )
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    # Static files stay with WhiteNoise.
    assert values["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert values["AWS_STORAGE_BUCKET_NAME"] == "np-media"
    assert values["AWS_S3_ENDPOINT_URL"] == "https://s3.fr-par.scw.cloud"
    assert values["AWS_S3_REGION_NAME"] == "fr-par"
    assert values["AWS_ACCESS_KEY_ID"] == "AKIAEXAMPLE"
    assert values["AWS_SECRET_ACCESS_KEY"] == "not-a-real-secret"
    # Public media: no per-object ACL (the bucket policy decides), stable unsigned URLs,
    # and an upload never replaces another file of the same name.
    assert values["AWS_DEFAULT_ACL"] is None
    assert values["AWS_QUERYSTRING_AUTH"] is False
    assert values["AWS_S3_FILE_OVERWRITE"] is False


@pytest.mark.parametrize(
    ("extra", "url"),
    [
        (
            {"AWS_S3_CUSTOM_DOMAIN": "media.example.org"},
            "https://media.example.org/media/articles/2026/une.jpg",
        ),
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud"},
            "https://s3.fr-par.scw.cloud/np-media/media/articles/2026/une.jpg",
        ),
        (
            {"AWS_S3_REGION_NAME": "eu-west-3"},
            "https://np-media.s3.eu-west-3.amazonaws.com/media/articles/2026/une.jpg",
        ),
        (
            {"AWS_S3_REGION_NAME": "us-east-1"},
            "https://np-media.s3.amazonaws.com/media/articles/2026/une.jpg",
        ),
    ],
    ids=["custom-domain", "s3-compatible", "aws-region", "aws-us-east-1"],
)
def test_file_urls_start_with_media_url(tmp_path, extra, url):
    """The body sanitizer keeps only images under MEDIA_URL: both must agree."""
    env = {**S3, **extra}
    result = run_python(STORAGE_URL, clean_env(tmp_path, **env))
    assert result.returncode == 0, result.stderr
    backend, file_url = result.stdout.split()
    assert backend == "storages.backends.s3.S3Storage"
    assert file_url == url
    media_url = load_settings(tmp_path, ["MEDIA_URL"], **env)["MEDIA_URL"]
    assert file_url.startswith(media_url)


def test_an_unknown_media_storage_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="MEDIA_STORAGE must be 'local' or 's3'"):
        load_settings(tmp_path, ["STORAGES"], MEDIA_STORAGE="ftp")


def test_production_refuses_s3_without_a_bucket(tmp_path):
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "MEDIA_STORAGE": "s3",
    }
    with pytest.raises(RuntimeError, match="MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"):
        load_settings(tmp_path, ["STORAGES"], module="newsportal.settings.prod", **env)
    values = load_settings(
        tmp_path,
        ["STORAGES"],
        module="newsportal.settings.prod",
        **env,
        AWS_STORAGE_BUCKET_NAME="np-media",
    )
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
