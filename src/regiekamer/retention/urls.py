from django.urls import path

from regiekamer.retention import views

app_name = "retention"

urlpatterns = [
    path("bewaarplichten/", views.bewaarplichten, name="bewaarplichten"),
    path("bewaarplichten/<uuid:pk>/opheffen/", views.opheffen, name="opheffen"),
]
