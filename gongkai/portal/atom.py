"""The Atom flavour of every portal feed: summaries are plain text.

Django's Atom1Feed labels each summary `type="html"`, so a reader would interpret the text
(a record's summary, a reply, anything the public wrote) as markup. Our summaries are plain
text, so they say so."""

from django.utils.feedgenerator import Atom1Feed


class PlainTextAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
