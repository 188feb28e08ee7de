app_name = "overleggen"

urlpatterns: list = []
