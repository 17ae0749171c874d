use card_runtime::card;

struct Request {
    service: String,
    url: String,
}

fn main() {
    let req = Request { service: "api".into(), url: "https://example.com".into() };
    let _ = card! { <card><markdown>"deploying **{req.service}**"</markdown></card> };
    let _ = card! { <card><div>"service {req.service:?}"</div></card> };
    let _ = card! { <card><action><button url="{req.url}/logs">"logs"</button></action></card> };
}
