from django.conf import settings


def site(request):
    """Values every page shell needs: the site name and the visitor's display preferences."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "large_text": request.COOKIES.get("large_text") == "1",
    }
