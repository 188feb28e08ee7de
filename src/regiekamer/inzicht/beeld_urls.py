"""``/ondermijningsbeeld/``: choose an area and a period; the report as a page and as a PDF."""

from django.urls import path

from regiekamer.inzicht import views

app_name = "ondermijningsbeeld"

urlpatterns = [
    path("", views.beeld_kiezen, name="kiezen"),
    path("<str:code>/", views.beeld_rapport, name="rapport"),
    path("<str:code>/pdf/", views.beeld_pdf, name="pdf"),
]
