use card_runtime::card;

fn main() {
    let _ = card! { <card><i18n lang="zh_cm"><hr/></i18n></card> };
    let _ = card! { <card><i18n lang="zh_cn"><hr/></i18n><i18n lang="zh_cn"><hr/></i18n></card> };
    let lang = "en_us";
    let _ = card! { <card><i18n lang={lang}><hr/></i18n></card> };
    let _ = card! { <card><i18n><hr/></i18n></card> };
    let _ = card! { <card><i18n lang="en_us" locale="x"><hr/></i18n></card> };
    let _ = card! { <card>if true { <i18n lang="en_us"><hr/></i18n> }</card> };
}
