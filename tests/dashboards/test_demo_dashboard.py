"""The demo leaves HR's dashboard with something in every part worth showing."""

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from dashboards import figures


def test_the_demo_fills_the_dashboard(client, db):
    call_command("load_demo_data", stdout=None)
    call_command("load_demo_data", stdout=None)  # still one of everything
    client.force_login(User.objects.get(username="hr"))

    board = {f.key: f for f in client.get(reverse("dashboards:hr")).context["board"].figures}

    assert len(board["levels"].rows) > 5
    pipeline = dict(map(tuple, board["pipeline"].rows))
    assert pipeline[figures.READY] >= 1 and pipeline[figures.FURTHER] >= 1
    assert {row[0] for row in board["assessments"].rows if row[1]} >= {"Draft", "Approved"}
    assert [row[0] for row in board["overdue_roles"].rows] == ["Legal Assistant"]
