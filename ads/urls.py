from django.urls import path

from . import views

app_name = "ads"

urlpatterns = [
    path("pub/slot/<slug:key>/", views.slot, name="slot"),
    path("pub/<int:creative_id>/click/", views.click, name="click"),
    path("pub/apercu/<int:creative_id>/", views.preview, name="preview"),
    path("ads.txt", views.ads_txt, name="ads-txt"),
]
