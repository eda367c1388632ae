"""Signals of the site's set-up, so that the foundation imports no feature app.

editorial_setup(sender=HomePage, home=<the HomePage>)
    sent by `manage.py setup_editorial` once editing rights and the review workflow
    are in place; apps add their own set-up (`resources` makes each region's library
    and each CCG's area).
"""

from django.dispatch import Signal

editorial_setup = Signal()
