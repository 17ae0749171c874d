use card_runtime::card;

fn main() {
    let _ = card! { <card><button>"at root"</button></card> };
    let _ = card! { <card><action><multi_select_static name="m"/></action></card> };
    let _ = card! { <card><column_set><column><table columns=[] rows=[]/></column></column_set></card> };
    let _ = card! { <card><form name="a"><form name="b"/></form></card> };
    let _ = card! { <card><column_set><column><overflow><option value="v">"o"</option></overflow></column></column_set></card> };
    let _ = card! {
        <card>
            <column_set><column><column_set><column><column_set><column><column_set><column>
                <markdown>"too deep"</markdown>
            </column></column_set></column></column_set></column></column_set></column></column_set>
        </card>
    };
    let _ = card! { <card><hr><markdown>"x"</markdown></hr></card> };
    let _ = card! { <card><field is_short>"x"</field></card> };
    let _ = card! { <card><div text="x"><extra><markdown>"no"</markdown></extra></div></card> };
    let _ = card! { <field is_short>"fragment root"</field> };
}
