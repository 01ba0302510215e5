"""Portal pages that belong to no app: the login lockout page (django-axes), password reset."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.templatetags.static import static

from common.links import portal_base_url


def lockout_response(request, original_response=None, credentials=None):
    """The portal's page for a username locked out after AXES_FAILURE_LIMIT wrong passwords from
    one address (django-axes' AXES_LOCKOUT_CALLABLE): HTTP 429, in Vietnamese, with the wait."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "registration/lockout.html", context, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, in the portal's templates; the link starts with PORTAL_BASE_URL
    like the portal's other e-mails (when it is unset, with this page's own address)."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {
            "portal_name": settings.PORTAL_NAME,
            "portal_base_url": portal_base_url(request=self.request),
        }
        return super().form_valid(form)


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page links to."""
    return redirect(static("favicon.ico"))
