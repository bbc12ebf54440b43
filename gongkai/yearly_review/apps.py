from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearlyReviewConfig(AppConfig):
    name = "gongkai.yearly_review"
    label = "yearly_review"
    verbose_name = _("年度自查")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.obligations.registry import ObligationKind, register_kind
        from gongkai.yearly_review import obligations
        from gongkai.yearly_review.models import YearlyReview

        register_kind(
            ObligationKind(
                code=obligations.YEARLY_REVIEW,
                label=_("不予公开信息年度自查"),
                model=YearlyReview,
                describe=obligations.describe_review,
                responsible_roles=(Role.ADMIN, Role.REVIEWER),
                all_objects=lambda: YearlyReview.objects.order_by("pk"),
            )
        )
