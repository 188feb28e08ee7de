from django.urls import path

from regiekamer.analyse import views

app_name = "analyse"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("export/", views.export, name="export"),
    path("samenhang/", views.samenhang, name="samenhang"),
    path("heridentificatie/<str:pseudoniem>/", views.heridentificeren, name="heridentificeren"),
    path("heridentificaties/", views.heridentificaties, name="heridentificaties"),
]
