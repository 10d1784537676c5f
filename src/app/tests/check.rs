//! Check the caller (`k`): answers that match or not, three strikes that outlive the
//! customer on screen, and what a required check keeps hidden.

use super::*;
use crate::app::caller_check::{Mark, Outcome as CheckOutcome, Policy, Question};

fn john(policy: Policy) -> App {
    let mut settings = settings("DEMO");
    settings.caller_check = policy;
    let mut app = App::new(settings, &docs_prefill(), today());
    answer(&mut app, customers(sample()));
    app
}

const REQUIRED: Policy = Policy {
    required: true,
    matches: 2,
};

/// Types `text` into the focused field of the open box and presses Enter.
fn say(app: &mut App, text: &str) {
    type_text(app, text);
    app.update(key(KeyCode::Enter));
}

/// The last answer of `question`'s field in the open box.
fn last(
    app: &App,
    question: Question,
) -> Option<Result<Mark, crate::app::caller_check::NotCompared>> {
    let check = detail(app).check_box().expect("the box is open");
    check
        .fields
        .iter()
        .find(|f| f.question == question)
        .and_then(|f| f.last)
}

fn outcome(app: &App) -> CheckOutcome {
    detail(app)
        .caller_check
        .outcome(&app.strikes, app.settings.caller_check)
}

#[test]
fn k_opens_the_box_and_each_answer_matches_or_not() {
    let mut app = john(Policy::default());
    app.update(key(KeyCode::Char('k')));
    assert!(detail(&app).check_box().is_some());
    assert!(detail(&app).hides_checked_values(&app.strikes, app.settings.caller_check));
    // Letters are typed, not keys: `q` does not quit inside the box.
    say(&mut app, "19/08/1980");
    assert_eq!(last(&app, Question::BirthDate), Some(Ok(Mark::Matches)));
    app.update(key(KeyCode::Tab));
    say(&mut app, "1112");
    assert_eq!(
        last(&app, Question::IdLastFour),
        Some(Ok(Mark::DoesNotMatch))
    );
    app.update(key(KeyCode::Tab));
    say(&mut app, "998877");
    assert_eq!(
        outcome(&app),
        CheckOutcome::Passed(vec![Question::BirthDate, Question::Zip])
    );
    app.update(key(KeyCode::Esc));
    assert!(detail(&app).check_box().is_none());
    assert!(!app.quit);
}

#[test]
fn three_strikes_survive_a_new_lookup_and_the_lock() {
    let mut app = john(Policy::default());
    app.update(key(KeyCode::Char('k')));
    for _ in 0..3 {
        say(&mut app, "2000-01-01");
    }
    assert!(
        detail(&app)
            .caller_check
            .is_closed(&app.strikes, Question::BirthDate)
    );
    app.update(key(KeyCode::Esc));
    // The lock, then John Doe again.
    app.update(Msg::IdleLock);
    app.update(key(KeyCode::Char('x')));
    app.form
        .set_value(FieldId::CustomerKey, crate::demo::DEMO_CUSTOMER_KEY);
    answer(&mut app, customers(sample()));
    assert!(
        detail(&app)
            .caller_check
            .is_closed(&app.strikes, Question::BirthDate)
    );
    app.update(key(KeyCode::Char('k')));
    say(&mut app, "1980-08-19");
    assert!(matches!(
        last(&app, Question::BirthDate),
        Some(Err(crate::app::caller_check::NotCompared::Closed))
    ));
}

#[test]
fn a_required_check_refuses_v_the_filter_and_phones_in_the_copy_menu_until_it_passes() {
    let mut app = john(REQUIRED);
    app.update(key(KeyCode::Char('v')));
    assert_eq!(app.refusal, Some(Refusal::CheckFirst));
    assert!(!detail(&app).reveal_ids);
    app.update(key(KeyCode::Char('2')));
    app.update(key(KeyCode::Char('/')));
    assert_eq!(app.refusal, Some(Refusal::CheckFirst));
    assert!(detail(&app).filter.is_none());
    app.update(key(KeyCode::Char('c')));
    let Some(Overlay::CopyMenu { items, .. }) = &app.overlay else {
        panic!("no copy menu");
    };
    assert!(
        !items
            .iter()
            .any(|i| matches!(i, CopyItem::Phone(_) | CopyItem::Address(_))),
        "{items:?}"
    );
    app.update(key(KeyCode::Esc));
    // Two matches pass it: everything comes back.
    app.update(key(KeyCode::Char('k')));
    say(&mut app, "1980-08-19");
    app.update(key(KeyCode::Down));
    say(&mut app, "1111");
    app.update(key(KeyCode::Esc));
    assert!(!detail(&app).hides_checked_values(&app.strikes, app.settings.caller_check));
    app.update(key(KeyCode::Char('v')));
    assert!(detail(&app).reveal_ids);
    assert_eq!(app.refusal, None);
}
