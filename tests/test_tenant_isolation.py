"""A row created in one region is invisible from another, through the ORM and HTTP,
for every model in TENANT_APPS (walked automatically)."""

import uuid

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django_tenants.utils import tenant_context

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from tests.tenant_models import CASES


def tenant_models():
    found = []
    for app_label in settings.TENANT_APPS:
        config = apps.get_app_config(app_label.rsplit(".", 1)[-1])
        found.extend(config.get_models())
    return found


def model_key(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def test_tenant_apps_have_models_to_walk():
    assert tenant_models(), "TENANT_APPS should hold at least one model"


@pytest.mark.parametrize("model", tenant_models(), ids=model_key)
def test_every_tenant_model_has_an_isolation_case(model):
    assert model_key(model) in CASES, (
        f"Add {model_key(model)} to tests/tenant_models.py so its region isolation is tested"
    )


@pytest.mark.parametrize("model", tenant_models(), ids=model_key)
def test_row_in_one_region_is_invisible_from_another_via_orm(model, north_west, london):
    marker = uuid.uuid4().hex
    with tenant_context(north_west):
        row = CASES[model_key(model)].make(marker)
        assert model.objects.filter(pk=row.pk).exists()
    with tenant_context(london):
        assert not model.objects.filter(pk=row.pk).exists()
        assert not any(marker in str(obj.__dict__) for obj in model.objects.all())


@pytest.mark.parametrize("model", tenant_models(), ids=model_key)
def test_row_in_one_region_is_invisible_from_another_via_http(
    model, north_west, london, client_for
):
    case = CASES[model_key(model)]
    if case.page is None:
        assert case.why_no_page, "a tenant model without a page must say why"
        return
    marker = uuid.uuid4().hex
    with tenant_context(north_west):
        row = case.make(marker)
        url = case.page(row) if callable(case.page) else None
    national = UserFactory(role=Role.NATIONAL)  # may enter every region
    url = url or reverse(case.page, urlconf=settings.ROOT_URLCONF)
    assert marker in client_for(north_west, national).get(url).content.decode()
    assert marker not in client_for(london, national).get(url).content.decode()
