"""PDFs are drawn from the site's own static files and nothing else."""

import pytest

from core.pdf import StaticFilesFetcher


def test_pdf_rendering_reads_no_address_outside_the_site():
    with pytest.raises(ValueError, match="Only the site's static files"):
        StaticFilesFetcher().fetch("http://example.org/static/css/print.css")
