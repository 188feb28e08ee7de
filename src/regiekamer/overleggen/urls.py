from django.urls import path

from regiekamer.overleggen import views

app_name = "overleggen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/agenda/", views.agenda_opstellen, name="agenda-opstellen"),
    path("<uuid:pk>/agenda/casus/", views.casus_toevoegen, name="casus-toevoegen"),
    path("<uuid:pk>/agenda/<uuid:punt_pk>/notulen/", views.notulen, name="notulen"),
    path("<uuid:pk>/afdruk/", views.afdruk, name="print"),
    path("<uuid:pk>/pdf/", views.pdf, name="pdf"),
]
