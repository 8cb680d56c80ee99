"""The Content-Security-Policy, with the one allowance the admin needs; CORS for the open-data API."""

from corsheaders.middleware import ACCESS_CONTROL_ALLOW_ORIGIN, CorsMiddleware
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


class PublicApiCorsMiddleware(CorsMiddleware):
    """django-cors-headers' middleware, with `Access-Control-Allow-Origin: *` on every /api/ answer.

    corsheaders adds the header only when the request names an Origin. The API is public and
    sends no credentials, so its answer is the same whoever asks; but a shared cache keeps one
    copy per URL (nginx's micro-cache, deploy/nginx.conf), and a copy kept for a request
    without an Origin (a program, curl, the portal's own pages) would, without the header, be
    refused by browsers on other sites for as long as it is kept.
    """

    def add_response_headers(self, request, response):
        response = super().add_response_headers(request, response)
        if getattr(request, "_cors_enabled", False):
            response.headers.setdefault(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        return response
