"""Uploads are never served as active content: by Django in DEBUG, by nginx in production."""

import importlib
import io
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import clear_url_caches
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<html><script>alert(document.cookie)</script></html>"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#a4161a").save(buffer, "JPEG")
    return buffer.getvalue()


def write_uploads(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.jpg").write_bytes(jpeg_bytes())
    (folder / "logo.svg").write_bytes(SVG)
    (folder / "page.html").write_bytes(HTML)
    (folder / "piege.jpg.html").write_bytes(HTML)
    (folder / "sans-extension").write_bytes(HTML)


@pytest.fixture
def debug_media(settings):
    """Route /media/ as `runserver` with DEBUG on does."""
    import newsportal.urls

    settings.DEBUG = True
    importlib.reload(newsportal.urls)
    clear_url_caches()
    write_uploads(Path(settings.MEDIA_ROOT))
    yield
    settings.DEBUG = False
    importlib.reload(newsportal.urls)
    clear_url_caches()


def test_debug_serves_images_inline_with_nosniff_and_a_sandbox(client, debug_media):
    response = client.get("/media/photo.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "attachment" not in response.get("Content-Disposition", "")


@pytest.mark.parametrize("name", ["logo.svg", "page.html", "piege.jpg.html", "sans-extension"])
def test_debug_sends_anything_but_images_as_a_download(client, debug_media, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    # The site's own policy is not added beside the media one.
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db  # the 404 page shows the site's sections
def test_debug_media_answers_404_for_a_missing_file_and_refuses_traversal(client, debug_media):
    assert client.get("/media/absent.jpg").status_code == 404
    assert client.get("/media/../manage.py").status_code == 400  # SuspiciousFileOperation


@pytest.mark.django_db
def test_without_debug_django_does_not_serve_media(client, settings):
    write_uploads(Path(settings.MEDIA_ROOT))
    assert client.get("/media/photo.jpg").status_code == 404


# --- nginx, with the very configuration of docker/nginx.conf --------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(tmp_path):
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not binary:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    media, static = tmp_path / "media", tmp_path / "static"
    write_uploads(media)
    static.mkdir()
    site = (ROOT / "docker" / "nginx.conf").read_text()
    site = (
        site.replace("server web:8000;", "server 127.0.0.1:9;")
        .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("listen [::]:80 default_server;", "")
        .replace("/srv/media/", f"{media}/")
        .replace("/srv/static/", f"{static}/")
    )
    (tmp_path / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""{user}
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        worker_processes 1;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}"""
    )
    conf = ["-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    check = subprocess.run([binary, *conf, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([binary, *conf, "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers


def test_nginx_serves_images_inline_with_nosniff_and_a_sandbox(nginx):
    status, headers = fetch(f"{nginx}/media/photo.jpg")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert headers["Content-Disposition"] is None


@pytest.mark.parametrize("name", ["logo.svg", "page.html", "piege.jpg.html", "sans-extension"])
def test_nginx_sends_anything_but_images_as_a_download(nginx, name):
    status, headers = fetch(f"{nginx}/media/{name}")
    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
