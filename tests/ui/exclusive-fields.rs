use card_runtime::card;

fn main() {
    let _ = card! {
        <card>
            <action>
                <button url="https://a.example" multi_url={ "url": "https://b.example" }>"both"</button>
            </action>
        </card>
    };
}
