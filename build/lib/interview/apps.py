import os

from django.apps import AppConfig


class InterviewConfig(AppConfig):
    name = "interview"
    verbose_name = "Interview"

    def ready(self):
        # Under gunicorn (gunicorn.conf.py, preload_app): import WeasyPrint and warm the worksheet renderer once
        # in the master, before the workers fork, so no worker's first PDF request pays ~1 s.
        if os.environ.get("HOMEOFFICE_PRELOAD_PDF") == "1":
            from interview import pdf

            pdf.warm_up()
