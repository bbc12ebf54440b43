"""The JSON API (django-ninja): the public read API with its OpenAPI document."""
