from django.urls import path

from regiekamer.inzicht.api.views import CijferView, OndermijningsbeeldView

urlpatterns = [
    path("cijfers/<str:figuur>", CijferView.as_view(), name="cijfers"),
    path("ondermijningsbeeld", OndermijningsbeeldView.as_view(), name="ondermijningsbeeld"),
]
