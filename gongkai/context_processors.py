from django.conf import settings
from django.urls import translate_url


def site(request):
    """What every page shell needs: site name, the other language's URL, display mode."""
    other = "en" if getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE) != "en" else "zh-hans"
    path = request.get_full_path()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "large_text": request.COOKIES.get("large_text") == "1",
        "other_language": other,
        "other_language_url": translate_url(path, other),
    }
