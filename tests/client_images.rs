//! Image upload against the emulator: from bytes, a file and a reader; the documented limits
//! refused before any request; dedupe by content; the key in a card; the emulator's own checks.

use card_runtime::{Error, ImageKey, ImageProblem, ImageType, MAX_IMAGE_BYTES, ReceiveId, card};

mod client_support;
use client_support::setup;

/// A PNG signature and header stating `width` × `height`, then `extra` bytes of body.
fn png(width: u32, height: u32, extra: usize) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&width.to_be_bytes());
    png.extend_from_slice(&height.to_be_bytes());
    png.extend(std::iter::repeat_n(7u8, extra));
    png
}

#[tokio::test]
async fn bytes_are_uploaded_and_served_back() {
    let (emulator, client, _) = setup().await;
    let image = png(64, 32, 100);
    let key = client.images().upload(image.clone()).send().await.unwrap();
    assert!(key.as_str().starts_with("img_v3_"));
    assert_eq!(emulator.image_bytes(key.as_str()).unwrap(), image);
    let listed = emulator.images();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].mime.as_str(), listed[0].image_type.as_str()),
        ("image/png", "message")
    );
    // The inspection route serves the bytes with their media type.
    let served = reqwest::get(format!(
        "{}/_emulator/images/{}",
        emulator.url(),
        key.as_str()
    ))
    .await
    .unwrap();
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().as_ref(), image.as_slice());
}

#[tokio::test]
async fn a_file_and_a_reader_upload_the_same_bytes() {
    let (emulator, client, _) = setup().await;
    let image = png(10, 10, 10);
    let path = std::env::temp_dir().join(format!("card-runtime-upload-{}.png", std::process::id()));
    std::fs::write(&path, &image).unwrap();
    let from_file = client.images().upload_file(&path).send().await.unwrap();
    let reader = tokio::fs::File::open(&path).await.unwrap();
    let from_reader = client.images().upload_reader(reader).send().await.unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_ne!(
        from_file, from_reader,
        "without dedupe each upload is its own image"
    );
    assert_eq!(emulator.image_bytes(from_file.as_str()).unwrap(), image);
    assert_eq!(emulator.image_bytes(from_reader.as_str()).unwrap(), image);
}

#[tokio::test]
async fn a_missing_file_is_an_io_error_before_any_request() {
    let (emulator, client, _) = setup().await;
    let err = client
        .images()
        .upload_file("/nonexistent/chart.png")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err:?}");
    assert_eq!(emulator.stats().token_requests, 0);
}

#[tokio::test]
async fn dedupe_reuses_the_key_of_identical_content() {
    let (emulator, client, _) = setup().await;
    let image = png(8, 8, 8);
    let first = client
        .images()
        .upload(image.clone())
        .dedupe(true)
        .send()
        .await
        .unwrap();
    let again = client
        .images()
        .upload(image.clone())
        .dedupe(true)
        .send()
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(emulator.images().len(), 1);
    // Same bytes as an avatar are a different upload; different bytes too.
    let avatar = client
        .images()
        .upload(image)
        .image_type(ImageType::Avatar)
        .dedupe(true)
        .send()
        .await
        .unwrap();
    assert_ne!(avatar, first);
    client
        .images()
        .upload(png(8, 8, 9))
        .dedupe(true)
        .send()
        .await
        .unwrap();
    assert_eq!(emulator.images().len(), 3);
}

#[tokio::test]
async fn refused_images_never_reach_the_server() {
    let (emulator, client, _) = setup().await;
    let cases: Vec<(Vec<u8>, ImageType, ImageProblem)> = vec![
        (Vec::new(), ImageType::Message, ImageProblem::Empty),
        (
            b"%PDF-1.7 not an image".to_vec(),
            ImageType::Message,
            ImageProblem::UnknownFormat,
        ),
        (
            png(1, 1, MAX_IMAGE_BYTES),
            ImageType::Message,
            ImageProblem::TooLarge {
                size: MAX_IMAGE_BYTES + 24,
                limit: MAX_IMAGE_BYTES,
            },
        ),
        (
            png(12_001, 10, 0),
            ImageType::Message,
            ImageProblem::TooManyPixels {
                width: 12_001,
                height: 10,
                max: 12_000,
            },
        ),
        (
            png(5000, 5000, 0),
            ImageType::Avatar,
            ImageProblem::TooManyPixels {
                width: 5000,
                height: 5000,
                max: 4096,
            },
        ),
    ];
    for (bytes, image_type, problem) in cases {
        let err = client
            .images()
            .upload(bytes)
            .image_type(image_type)
            .send()
            .await
            .unwrap_err();
        match err {
            Error::Image(found) => assert_eq!(found, problem),
            other => panic!("expected {problem:?}, got {other:?}"),
        }
    }
    // An endless reader is cut one byte past the limit, then refused as too large.
    let err = client
        .images()
        .upload_reader(tokio::io::repeat(1))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Image(ImageProblem::TooLarge { .. })),
        "{err:?}"
    );
    assert_eq!(emulator.stats().token_requests, 0);
    assert!(emulator.images().is_empty());
}

/// The emulator applies the limits itself, for bots in other languages.
#[tokio::test]
async fn the_emulator_refuses_what_the_documentation_refuses() {
    let (emulator, client, _) = setup().await;
    client.images().upload(png(1, 1, 0)).send().await.unwrap();
    let token = {
        let request =
            serde_json::json!({"app_id": emulator.app_id(), "app_secret": emulator.app_secret()});
        let bytes = reqwest::Client::new()
            .post(format!(
                "{}/open-apis/auth/v3/tenant_access_token/internal",
                emulator.url()
            ))
            .body(request.to_string())
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        answer["tenant_access_token"].as_str().unwrap().to_owned()
    };
    let upload = |image_type: &'static str, image: Vec<u8>| {
        let url = format!("{}/open-apis/im/v1/images", emulator.url());
        let token = token.clone();
        async move {
            let mut body = format!(
                "--B\r\nContent-Disposition: form-data; name=\"image_type\"\r\n\r\n{image_type}\r\n--B\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x\"\r\n\r\n"
            )
            .into_bytes();
            body.extend_from_slice(&image);
            body.extend_from_slice(b"\r\n--B--\r\n");
            let answer = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("content-type", "multipart/form-data; boundary=B")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = answer.status().as_u16();
            let json: serde_json::Value =
                serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
            (status, json["code"].as_i64().unwrap())
        }
    };
    assert_eq!(upload("message", png(2, 2, 0)).await, (200, 0));
    assert_eq!(upload("message", Vec::new()).await, (400, 234_010));
    assert_eq!(
        upload("message", png(1, 1, MAX_IMAGE_BYTES)).await,
        (400, 234_006)
    );
    assert_eq!(upload("message", b"text".to_vec()).await, (400, 234_011));
    assert_eq!(upload("sticker", png(2, 2, 0)).await, (400, 234_001));
    assert_eq!(upload("avatar", png(4097, 2, 0)).await, (400, 234_001));
    assert_eq!(emulator.images().len(), 2);
}

#[tokio::test]
async fn the_key_goes_into_a_card_and_out_with_it() {
    let (emulator, client, _) = setup().await;
    let key: ImageKey = client.images().upload(png(4, 4, 0)).send().await.unwrap();
    let card = card! {
        <card>
            <img img_key={key} alt="chart"/>
            <img_combination combination_mode="double" img_list=[{"img_key": key}, {"img_key": key}]/>
            <markdown>"![chart]({key}) and *{key}*"</markdown>
        </card>
    };
    let sent = client
        .messages()
        .send_card(ReceiveId::chat_id("oc_report"), &card)
        .send()
        .await
        .unwrap();
    let stored = emulator.message(&sent.message_id).unwrap().card;
    assert_eq!(stored["elements"][0]["img_key"], key.as_str());
    assert_eq!(
        stored["elements"][1]["img_list"][1]["img_key"],
        key.as_str()
    );
}

#[tokio::test]
async fn an_upload_is_retried_with_the_same_form_after_a_5xx() {
    let (emulator, client, _) = setup().await;
    // The token first, so that the faults hit the upload.
    client.images().upload(png(1, 1, 0)).send().await.unwrap();
    emulator.fail_next(2, 503);
    let image = png(3, 3, 3);
    let key = client.images().upload(image.clone()).send().await.unwrap();
    assert_eq!(emulator.image_bytes(key.as_str()).unwrap(), image);
    assert_eq!(emulator.images().len(), 2);
    assert_eq!(emulator.stats().faults_injected, 2);
}

#[tokio::test]
async fn an_uploaded_image_is_sent_and_replied_as_a_message() {
    let (emulator, client, _) = setup().await;
    let key = client.images().upload(png(5, 5, 0)).send().await.unwrap();
    let sent = client
        .messages()
        .send_image(ReceiveId::chat_id("oc_1"), &key)
        .send()
        .await
        .unwrap();
    let stored = emulator.message(&sent.message_id).unwrap();
    assert_eq!(
        (stored.msg_type.as_str(), &stored.card),
        ("image", &serde_json::json!({"image_key": key.as_str()}))
    );
    let reply = client
        .messages()
        .reply_image(&sent.message_id, &key)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(sent.message_id.as_str()));
}
