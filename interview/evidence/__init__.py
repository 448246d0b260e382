"""Evidence (issue #19): files a person keeps to prove the deduction, each tied to the line it supports.

targets.py   the fixed vocabulary: which lines and questions a file can support, and which apply to a return
models.py    Evidence (owned through its TaxReturn); registered from interview/models.py
storage.py   THE storage component: Django's storage API (STORAGES["evidence"]), encrypted before storing
checks.py    bad files: size limits, type by content (Pillow / pypdf), EXIF stripped by re-encoding
services.py  every write (attach, delete); selectors.py the owner-scoped reads
views.py     the per-return evidence page, file download, the audit pack (audit_pack.py builds the ZIP)
"""
