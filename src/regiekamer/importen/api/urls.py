from django.urls import path

from regiekamer.importen.api.views import ImportDetailView, ImportenView, ImportResultaatView, TerugkoppelingView

urlpatterns = [
    path("importen", ImportenView.as_view(), name="importen"),
    path("importen/<str:pk>", ImportDetailView.as_view(), name="import-detail"),
    path("importen/<str:pk>/resultaat", ImportResultaatView.as_view(), name="import-resultaat"),
    path("vroegsignalering/terugkoppeling", TerugkoppelingView.as_view(), name="vroegsignalering-terugkoppeling"),
]
