from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("display-preference/", views.display_preference, name="display-preference"),
]
