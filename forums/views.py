from django.shortcuts import render

from .selectors import category_list


def index(request):
    return render(
        request,
        "forums/index.html",
        {"categories": category_list(), "crumbs": [("Home", "/")]},
    )
