"""URL patterns added to the namespace of the including module (see its urls.py)."""

urlpatterns: list = []
