app_name = "casussen"

urlpatterns: list = []
