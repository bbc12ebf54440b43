"""Every kind of staff around one application, and what each may see of its applicant
(shared by the foi, console, API and media tests of personal data)."""

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import png_bytes
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.personal_data import Visibility
from gongkai.foi.tests.test_services import RESIDENT_ID, applicant

PHONE = "13812345678"
ADDRESS = "北京市东城区和平里九号院"
EMAIL = "private-mail@example.org"
POSTCODE = "100010"
NAME = "张三丰"
# The values as a masked view shows them.
MASKED = {
    "id_number": "110***********002X",
    "phone": "138****5678",
    "email": "p***@example.org",
    "address": "北京市东城区****",
    "postcode": "1000**",
}
# None of these may appear, whole, to anyone but those who handle the case.
FULL_VALUES = (RESIDENT_ID, PHONE, "和平里九号院", "private-mail")

# role → what it sees: the receiving agency's handlers and administrators all; its reviewers
# and publishers masked; its own 督查员, the parent agency's supervisor and a system
# administrator without a role nothing personal; another agency's staff not even the case.
EXPECTED = {
    "handler": Visibility.FULL,
    "admin": Visibility.FULL,
    "reviewer": Visibility.MASKED,
    "publisher": Visibility.MASKED,
    "inspector": Visibility.HIDDEN,
    "parent_supervisor": Visibility.HIDDEN,
    "system_admin": Visibility.HIDDEN,
    "outsider": None,
}


def make_staff_and_application():
    """(users by role name, an application filed online with an ID copy)."""
    city = make_agency(level=Level.CITY)
    county = make_agency(level=Level.COUNTY, parent=city)
    users = {
        "handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "inspector": make_user(agency=county, roles=(Role.SUPERVISOR,)),
        "parent_supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "system_admin": make_user(is_superuser=True, is_staff=True),
        "outsider": make_user(
            agency=make_agency(), roles=(Role.FOI_HANDLER, Role.ADMIN, Role.SUPERVISOR)
        ),
    }
    application = services.submit_online(
        agency=county,
        values=applicant(
            applicant_name=NAME,
            phone=PHONE,
            address=ADDRESS,
            email=EMAIL,
            postcode=POSTCODE,
        ),
        id_copy=("身份证.png", png_bytes()),
    )
    return users, application
