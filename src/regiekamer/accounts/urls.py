from django.urls import path

from regiekamer.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.tweestaps, name="tweestaps"),
    path("tweestapsverificatie/instellen/", views.tweestaps_instellen, name="tweestaps-instellen"),
]
