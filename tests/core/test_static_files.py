"""collectstatic with the production storage: every page needs its manifest when DEBUG is off."""

import json

from django.core.management import call_command
from django.templatetags.static import static


def test_collectstatic_builds_the_production_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["vendor/bootstrap/bootstrap.min.css"]
    assert (tmp_path / hashed_css).is_file()
    assert (tmp_path / (hashed_css + ".gz")).is_file()
    # Pages link the hashed name, so browsers may cache it for ever.
    assert static("vendor/bootstrap/bootstrap.min.css") == "/static/" + hashed_css
