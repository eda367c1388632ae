"""Styled error pages; they must render even when the database is down."""

from django.shortcuts import render


def bad_request(request, exception=None):
    # A malformed request (too many fields, an unreadable body, a BadRequest raised
    # by a view): the message stays generic, the exception is logged by Django.
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: a bare template render.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(
        loader.get_template("500.html").render({"service_name": "Link Worker Learning Network"})
    )
