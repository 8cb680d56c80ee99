"""The Content-Security-Policy, with the one allowance the admin needs."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, adding style-src 'unsafe-inline' on the admin's pages only.

    The admin's widgets (select2 autocompletes, the changelist without actions) write style
    attributes and a <style> element; its scripts are all files, so script-src stays 'self'.
    The public pages keep the strict policy of settings.CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
