from django.urls import path

from regiekamer.inzicht.api.views import CijferView

urlpatterns = [
    path("cijfers/<str:figuur>", CijferView.as_view(), name="cijfers"),
]
