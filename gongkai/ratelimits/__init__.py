"""Limits on what the public may send (security review #11, finding 8): how often a client or
a target (a query code) may submit or check, counted in the database so that every gunicorn
worker and every app server shares one count, and one-time form tokens so that a form sent
twice files one record."""
