from django.urls import path

from regiekamer.notifications import views

urlpatterns = [
    path("notificaties/", views.notificaties, name="notificaties"),
    path("notificaties/<str:pk>/gelezen/", views.gelezen, name="notificatie-gelezen"),
]
