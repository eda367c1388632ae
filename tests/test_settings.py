"""Production settings read secrets from the environment and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "learning.settings.production",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "ALLOWED_HOSTS": ".learning.example.nhs.uk",
    "DATABASE_URL": "postgres://learning@db.invalid:5432/learning",
    "REDIS_URL": "redis://redis.invalid:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://learning.example.nhs.uk",
    "BASE_DOMAIN": "learning.example.nhs.uk",
    "HUB_URL": "https://learning.example.nhs.uk",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_no_secret_is_committed_in_base_settings():
    base = (ROOT / "learning" / "settings" / "base.py").read_text()
    assert "SECRET_KEY" not in base
    production = (ROOT / "learning" / "settings" / "production.py").read_text()
    assert 'required("SECRET_KEY")' in production


def test_production_requires_a_second_factor_for_admin_users():
    code = "import django; django.setup(); from django.conf import settings; print(settings.REQUIRE_STAFF_MFA)"
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **PRODUCTION_ENV},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == "True", result.stderr


def test_production_refuses_a_plain_http_hub_url():
    result = run_manage(
        "check", env={**PRODUCTION_ENV, "HUB_URL": "http://learning.example.nhs.uk"}
    )
    assert result.returncode != 0
    assert "HUB_URL must be an https:// address" in result.stderr


def test_demo_data_cannot_be_seeded_in_production():
    result = run_manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Demo data is for development only" in result.stderr


def test_production_lets_forms_go_on_to_the_hub_and_the_region_hosts_only():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **PRODUCTION_ENV},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == (
        "[\"'self'\", 'https://learning.example.nhs.uk', 'https://*.learning.example.nhs.uk']"
    ), result.stderr
