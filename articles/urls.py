from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("rubrique/<slug:slug>/", views.category_detail, name="category-detail"),
    path("article/<slug:slug>/", views.article_detail, name="article-detail"),
    path("auteur/<slug:slug>/", views.author_detail, name="author-detail"),
    path("mot-cle/<slug:slug>/", views.tag_detail, name="tag-detail"),
]
