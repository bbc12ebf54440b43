"""One router per resource of the public read API."""
