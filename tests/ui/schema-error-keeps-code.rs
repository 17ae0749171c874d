use card_runtime::card;

struct NotDisplay;

fn main() {
    // A misspelled attribute and a wrong expression: both are reported in one compile.
    let _ = card! {
        <card>
            <div txt="x" text={NotDisplay}/>
            <form name="f">
                <input name="i" max_length={"10"}/>
                <button name="b" action_type="form_submit">"go"</button>
            </form>
        </card>
    };
}
