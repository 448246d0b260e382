from django.urls import path

from interview import export_views, history_views, pdf_views, rollover_views, views
from interview.evidence import views as evidence_views

app_name = "interview"

interview_wizard = views.InterviewWizard.as_view(url_name="interview:step")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.new_return, name="new"),
    path("<int:pk>/", views.resume, name="resume"),
    path("<int:pk>/interview/<slug:step>/", interview_wizard, name="step"),
    path("<int:pk>/not-eligible/", views.knockout, name="knockout"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/rename/", views.rename, name="rename"),
    path("<int:pk>/duplicate/", views.duplicate, name="duplicate"),
    path("<int:pk>/roll-over/", rollover_views.roll_over, name="roll_over"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:return_id>/export.json", export_views.export_json, name="export_json"),
    path("<int:return_id>/worksheet.pdf", pdf_views.worksheet_pdf, name="worksheet_pdf"),
    path("<int:return_id>/history/", history_views.history, name="history"),
    # Issue #19: records and receipts attached to the lines they support, and the audit pack.
    path("<int:pk>/evidence/", evidence_views.evidence_page, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_id>/", evidence_views.evidence_file, name="evidence_file"),
    path(
        "<int:pk>/evidence/<int:evidence_id>/delete/", evidence_views.evidence_delete, name="evidence_delete"
    ),
    path("<int:pk>/audit-pack.zip", evidence_views.audit_pack_zip, name="audit_pack"),
]
