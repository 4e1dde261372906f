from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("article/<int:article_id>/", views.post_comment, name="post"),
    path("jeton/", views.csrf_token, name="csrf-token"),
]
