"""The wizard's bookkeeping kept for one request only, never in the session (issue #17).

formtools' SessionStorage marks the session modified on every read of its data, so every interview page, GET
included, wrote the session row (BEGIN, UPDATE, COMMIT). Here the database is the record of answers (decision
0030) and the step comes from the URL, so nothing the wizard keeps has to outlive the request: a page view no
longer writes the session at all.
"""

from formtools.wizard.storage.base import BaseStorage


class RequestStorage(BaseStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_data()
