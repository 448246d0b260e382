"""The evidence store on S3-compatible object storage (django-storages' S3Storage), against a local S3 server:
moto's, started in this process on a free port and spoken to over HTTP like any S3 endpoint."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from interview.evidence.models import Evidence
from interview.evidence.storage import evidence_storage
from tests.evidence import files

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "homeoffice-evidence-test"
KEYS = {"access_key": "test-access-key", "secret_key": "test-secret-key"}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.moto_server.threaded_moto_server")
    import boto3

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


def s3_settings_from_env(endpoint: str) -> dict:
    """STORAGES["evidence"] exactly as homeoffice/settings.py builds it from the documented variables."""
    env = {
        **os.environ,
        "EVIDENCE_STORAGE": "s3",
        "EVIDENCE_S3_BUCKET": BUCKET,
        "EVIDENCE_S3_ENDPOINT_URL": endpoint,
        "EVIDENCE_S3_REGION": "us-east-1",
        "EVIDENCE_S3_ACCESS_KEY_ID": KEYS["access_key"],
        "EVIDENCE_S3_SECRET_ACCESS_KEY": KEYS["secret_key"],
        "EVIDENCE_S3_PREFIX": "returns",
    }
    code = "import json; from homeoffice import settings as s; print(json.dumps(s.STORAGES['evidence']))"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


@pytest.fixture
def on_s3(settings, s3_endpoint):
    endpoint, client = s3_endpoint
    config = s3_settings_from_env(endpoint)
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "evidence": config}
    return client


def objects(client) -> set[str]:
    listed = client.list_objects_v2(Bucket=BUCKET)
    return {o["Key"] for o in listed.get("Contents", [])}


def test_files_live_encrypted_in_the_bucket_and_go_with_the_return(client, alex, make_return, attach, on_s3):
    from interview import services as return_services

    before = objects(on_s3)
    tax_return = make_return(alex)
    item = attach(tax_return, target="utilities", data=files.pdf(), filename="electric.pdf")
    key = f"returns/{item.stored_name}"
    assert objects(on_s3) - before == {key}
    stored = on_s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert stored != files.pdf() and b"%PDF" not in stored
    assert evidence_storage().read(item.stored_name) == files.pdf()

    client.force_login(alex)
    response = client.get(reverse("interview:evidence_file", args=[tax_return.pk, item.pk]))
    assert response.status_code == 200 and response.content == files.pdf()

    return_services.delete_return(tax_return, alex)
    assert not Evidence.objects.exists()
    assert objects(on_s3) == before


def test_a_failed_row_leaves_nothing_in_the_bucket(alex, make_return, attach, on_s3, monkeypatch):
    before = objects(on_s3)

    def broken_create(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(Evidence.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        attach(make_return(alex))
    assert objects(on_s3) == before
