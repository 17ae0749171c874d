// `cardkit_card!` gives a handle per text element: a typo, or an element that is not text
// (a button) or only maybe present (inside `if`), has no handle.
use card_runtime::cardkit_card;

fn main() {
    let show = true;
    let made = cardkit_card! {
        <card schema="2.0">
            <config streaming_mode/>
            <markdown element_id="answer">"Thinking..."</markdown>
            <button element_id="go">"Go"</button>
            if show { <markdown element_id="maybe">"x"</markdown> }
        </card>
    };
    let _ = made.text.answer;
    let _ = made.text.anwser;
    let _ = made.text.go;
    let _ = made.text.maybe;
}
