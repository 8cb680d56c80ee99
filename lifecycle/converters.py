class LifecycleKindConverter:
    """Matches the two lifecycle kinds, so /weihai/departments/ never reads as a lifecycle."""

    regex = "enterprise|personal"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ScenarioCodeConverter:
    """A scenario code as the document prints it: 1.1, 10.2."""

    regex = r"[0-9]{1,3}\.[0-9]{1,3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
