"""Which audit events can change what the public sees: the public pages' generation.

Every state change writes one audit event in its own transaction (gongkai/audit/services.py),
so the newest event that *can* change a public page is a cheap, exact "publication
generation": the portal keys its ETags and its page cache on it (gongkai/portal/caching.py).
Events that never change a public page are marked here so that a clerk's login or a step in
handling an application does not throw away every cached page.

The list is of what is private, not of what is public: a new action code counts as public
until someone adds it here, so forgetting costs cache hits, never a stale page.
"""

# Action-code prefixes of events that change nothing a public page shows.
PRIVATE_PREFIXES = (
    # Logins, lockouts, second factors, passwords, staff accounts.
    "accounts.",
    # Handling information applications: replies go to the applicant; the public figures come
    # from the annual report, which is published (report.*, document.* events).
    "foi.",
    # The release review's findings and decisions; the publication it allows is document.*.
    "privacy.",
    # The yearly review's list; releasing a record from it is a document.* event.
    "yearly_review.",
    # API tokens for staff.
    "api.",
    # New-media activity and releases: the portal shows only which accounts run.
    "newmedia.activity.",
    "newmedia.release.",
    # E-mail subscriptions: who follows what is shown on no public page.
    "subscriptions.",
    # Surveys: drafts and their questions, each response (no public page counts them before
    # the results) and the review of free text; opening, closing and results are public.
    "survey.create",
    "survey.questions",
    "survey.respond",
    "survey.review_text",
    "survey.issue_codes",
)


def is_public_action(action: str) -> bool:
    """Whether an event with this action code may change a public page."""
    return not action.startswith(PRIVATE_PREFIXES)
