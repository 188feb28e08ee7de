from django.urls import path

from regiekamer.importen import views

app_name = "importen"

urlpatterns = [
    path("importen/", views.lijst, name="lijst"),
    path("importen/kolommen/", views.kolommen, name="kolommen"),
    path("importen/terugkoppeling/", views.terugkoppelingen, name="terugkoppelingen"),
    path("importen/vroegsignalering/<str:pk>/terugkoppeling/", views.terugkoppeling, name="terugkoppeling"),
    path("importen/<str:pk>/", views.detail, name="detail"),
    path("importen/<str:pk>/voortgang/", views.voortgang, name="voortgang"),
    path("importen/<str:pk>/resultaat/", views.resultaat, name="resultaat"),
]
