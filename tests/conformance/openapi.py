"""Upload an image and send a batch card with the official lark-oapi SDK; check the emulator."""

import io
import json
import os
import struct
import sys
import urllib.request
import zlib

import lark_oapi as lark
from lark_oapi.api.im.v1 import CreateImageRequest, CreateImageRequestBody

URL = os.environ["EMULATOR_URL"]

CARD = {
    "header": {"template": "blue", "title": {"tag": "plain_text", "content": "Weekly deploys"}},
    "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "**24** deploys"}}],
}


def fail(message):
    print(f"conformance: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def inspect(path):
    with urllib.request.urlopen(URL + path, timeout=10) as response:
        return response.read(), response.headers.get("content-type")


def seed(path, body):
    request = urllib.request.Request(URL + path, data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        if json.load(response) != {"ok": True}:
            fail(f"seeding {path} failed")


def png(width, height):
    """A white RGB PNG, written with zlib alone."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


client = (
    lark.Client.builder()
    .app_id(os.environ["APP_ID"])
    .app_secret(os.environ["APP_SECRET"])
    .domain(URL)
    .log_level(lark.LogLevel.WARNING)
    .build()
)


def upload(image_type, data):
    request = (
        CreateImageRequest.builder()
        .request_body(CreateImageRequestBody.builder().image_type(image_type).image(io.BytesIO(data)).build())
        .build()
    )
    return client.im.v1.image.create(request)


# 1. Image upload: the key comes back and the emulator serves the same bytes.
image = png(40, 30)
response = upload("message", image)
if not response.success():
    fail(f"upload failed: code={response.code} msg={response.msg}")
key = response.data.image_key
if not key or not key.startswith("img_v3_"):
    fail(f"no image key: {key!r}")
served, content_type = inspect(f"/_emulator/images/{key}")
if served != image or content_type != "image/png":
    fail(f"the emulator serves {len(served)} bytes as {content_type}, not the {len(image)}-byte PNG uploaded")

# The documented refusals reach the SDK as codes.
for image_type, data, code in [("message", b"not an image", 234011), ("avatar", png(4097, 1), 234001)]:
    refused = upload(image_type, data)
    if refused.success() or refused.code != code:
        fail(f"expected code {code} for a refused {image_type} upload, got {refused.code}")

# 2. Batch send (message/v4, which the SDK reaches through its raw request).
seed("/_emulator/users", {"open_id": "ou_ada", "name": "Ada"})
seed("/_emulator/users", {"open_id": "ou_bob", "name": "Bob"})
seed("/_emulator/departments", {"department_id": "od-ops", "members": ["ou_bob"]})


def batch(body):
    request = (
        lark.BaseRequest.builder()
        .http_method(lark.HttpMethod.POST)
        .uri("/open-apis/message/v4/batch_send/")
        .token_types({lark.AccessTokenType.TENANT})
        .body(body)
        .build()
    )
    return client.request(request)


response = batch({"msg_type": "interactive", "card": CARD, "open_ids": ["ou_ada", "ou_nobody"], "department_ids": ["od-ops"]})
if not response.success():
    fail(f"batch send failed: code={response.code} msg={response.msg}")
data = json.loads(response.raw.content)["data"]
if not data["message_id"].startswith("bm-") or data.get("invalid_open_ids") != ["ou_nobody"]:
    fail(f"unexpected batch answer: {data}")
batches = json.loads(inspect("/_emulator/batches")[0])["batches"]
if len(batches) != 1 or batches[0]["recipients"] != ["ou_ada", "ou_bob"] or batches[0]["card"] != CARD:
    fail(f"recorded batch differs: {batches}")

nobody = batch({"msg_type": "interactive", "card": CARD})
if nobody.success():
    fail("a batch to nobody was accepted")

print(f"conformance: OK (lark-oapi uploaded {key} and batch-sent {data['message_id']})")
