from django.conf import settings
from django.urls import translate_url

from gongkai.portal.display import TEXT_SIZES, text_size_of


def site(request):
    """What every page shell needs: site name, the other language's URL, display mode, footer."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    other = "en" if language != "en" else "zh-hans"
    path = request.get_full_path()
    text_size = text_size_of(request)
    return {
        # The name is a setting, not a message: the English pages have their own.
        "SITE_NAME": settings.SITE_NAME_EN if language == "en" else settings.SITE_NAME,
        "text_size": text_size,
        "text_sizes": list(TEXT_SIZES.items()),
        "large_text": text_size == "large",
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
