"""Sign-in: Django's own view; on a development machine (DEBUG) it names the demo accounts."""

from django.conf import settings
from django.contrib.auth import views as auth_views

from staff.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class SignInView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Never in production: the demo password is public.
        if settings.DEBUG:
            context["demo_accounts"] = DEMO_ACCOUNTS
            context["demo_password"] = DEMO_PASSWORD
        return context
