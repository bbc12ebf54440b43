"""`calendar_changed`: sent after a change to the working-day calendar has committed.

Keyword arguments: `actor` (the user who changed it, or None) and `years` (a set of the
calendar years whose days changed). Apps that store due dates connect a receiver that
re-derives them (design.md: never keep a due date the calendar no longer supports).
"""

import django.dispatch

calendar_changed = django.dispatch.Signal()
