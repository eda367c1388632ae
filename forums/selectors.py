from .models import Category


def category_list():
    return Category.objects.order_by("position", "name")
