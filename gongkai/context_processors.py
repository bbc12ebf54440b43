from django.conf import settings
from django.urls import translate_url


def site(request):
    """What every page shell needs: site name, the other language's URL, display mode, footer."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    other = "en" if language != "en" else "zh-hans"
    path = request.get_full_path()
    return {
        # The name is a setting, not a message: the English pages have their own.
        "SITE_NAME": settings.SITE_NAME_EN if language == "en" else settings.SITE_NAME,
        "large_text": request.COOKIES.get("large_text") == "1",
        "other_language": other,
        "other_language_url": translate_url(path, other),
        "site_footer": {
            "sponsor": settings.SITE_SPONSOR,
            "address": settings.SITE_CONTACT_ADDRESS,
            "phone": settings.SITE_CONTACT_PHONE,
            "email": settings.SITE_CONTACT_EMAIL,
            "identifier": settings.SITE_IDENTIFIER,
            "icp": settings.SITE_ICP,
            "psb": settings.SITE_PSB,
        },
    }
