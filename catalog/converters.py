class DepartmentNameConverter:
    """A department's name in a URL: anything but "/" and NUL.

    Django's `str` converter lets NUL through (from %00), and PostgreSQL refuses NUL in a
    text comparison with an error; no name holds one, so such a URL is simply not a page.
    """

    regex = "[^/\x00]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
