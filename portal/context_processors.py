from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict:
    """The other languages' addresses of the current page, for the switcher."""
    current = get_language()
    path = request.get_full_path()
    others = []
    for code in ("fi", "sv"):
        if code == current:
            continue
        url = translate_url(path, code)
        if url == path:
            # A page that does not resolve (404) has no twin: go to the home page.
            url = f"/{code}/"
        others.append({"code": code, "url": url})
    return {"language_links": others}
