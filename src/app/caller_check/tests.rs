use super::*;
use crate::api::{Address, Phone, Text};

const JOHN: &str = include_str!("../../../assets/demo/811111.json");

fn john() -> Customer {
    let mut customers: Vec<Customer> = serde_json::from_str(JOHN).unwrap();
    customers.remove(0)
}

fn address(zip: &str, verify: bool) -> Address {
    Address {
        verify,
        zip_code: Text::new(zip),
        ..Address::default()
    }
}

fn phone(number: &str, verify: bool) -> Phone {
    Phone {
        verify,
        phone_number: Text::new(number),
        ..Phone::default()
    }
}

#[test]
fn john_doe_allows_every_question() {
    let check = CallerCheck::new(&john());
    assert_eq!(
        check.offered(),
        [
            Question::BirthDate,
            Question::IdLastFour,
            Question::Zip,
            Question::PhoneLastFour
        ]
    );
}

#[test]
fn dates_are_read_iso_or_day_first() {
    let born = Date::from_calendar_date(1980, Month::August, 19).unwrap();
    for typed in [
        "1980-08-19",
        " 1980-08-19 ",
        "19/08/1980",
        "19/8/1980",
        "19 / 08 / 1980",
    ] {
        assert_eq!(
            read(Question::BirthDate, typed),
            Ok(Reading::Date(born)),
            "{typed}"
        );
    }
    for typed in [
        "08/19/1980",
        "19/08/80",
        "1980-02-30",
        "yesterday",
        "19/08/1980/1",
    ] {
        assert_eq!(
            read(Question::BirthDate, typed),
            Err(Unreadable::NotADate),
            "{typed}"
        );
    }
    assert_eq!(read(Question::BirthDate, "  "), Err(Unreadable::Empty));
}

#[test]
fn last_fours_ignore_spaces_and_dashes_and_keep_leading_zeros() {
    assert_eq!(
        read(Question::PhoneLastFour, "0 0-4 2"),
        Ok(Reading::PhoneLastFour("0042".into()))
    );
    assert_eq!(
        read(Question::PhoneLastFour, "42"),
        Err(Unreadable::NotFour)
    );
    assert_eq!(
        read(Question::PhoneLastFour, "12345"),
        Err(Unreadable::NotFour)
    );
    assert_eq!(
        read(Question::PhoneLastFour, "12a4"),
        Err(Unreadable::NotFour)
    );
    assert_eq!(
        read(Question::IdLastFour, "h1 0a"),
        Ok(Reading::IdLastFour("H10A".into()))
    );
}

#[test]
fn zips_ignore_case_spaces_dashes_and_leading_zeros() {
    let mut customer = john();
    customer.customer_address = vec![address("01000", true), address("sw1a 1aa", true)];
    let mut check = CallerCheck::new(&customer);
    let mut strikes = Strikes::default();
    assert_eq!(
        check.answer(&mut strikes, Question::Zip, "1000"),
        Ok(Mark::Matches)
    );
    let mut check = CallerCheck::new(&customer);
    assert_eq!(
        check.answer(&mut strikes, Question::Zip, "SW1A-1AA"),
        Ok(Mark::Matches)
    );
    let mut check = CallerCheck::new(&customer);
    assert_eq!(
        check.answer(&mut strikes, Question::Zip, "10000"),
        Ok(Mark::DoesNotMatch)
    );
}

#[test]
fn each_answer_matches_or_not_against_john_doe() {
    let mut strikes = Strikes::default();
    let mut check = CallerCheck::new(&john());
    let answers = [
        (Question::BirthDate, "19/08/1980", Mark::Matches),
        (Question::IdLastFour, "1111", Mark::Matches),
        (Question::Zip, "998877", Mark::Matches),
        (Question::PhoneLastFour, "4321", Mark::Matches),
    ];
    for (question, typed, mark) in answers {
        assert_eq!(
            check.answer(&mut strikes, question, typed),
            Ok(mark),
            "{question:?}"
        );
    }
    let mut check = CallerCheck::new(&john());
    assert_eq!(
        check.answer(&mut strikes, Question::PhoneLastFour, "6789"),
        Ok(Mark::Matches)
    );
    assert_eq!(
        check.answer(&mut strikes, Question::BirthDate, "1980-08-20"),
        Ok(Mark::DoesNotMatch)
    );
    assert_eq!(
        check.answer(&mut strikes, Question::IdLastFour, "1112"),
        Ok(Mark::DoesNotMatch)
    );
}

#[test]
fn only_verified_records_count() {
    let mut customer = john();
    customer.customer_address = vec![address("998877", false)];
    customer.customer_phone = vec![phone("123456789", false), phone("5550000", true)];
    let mut check = CallerCheck::new(&customer);
    let mut strikes = Strikes::default();
    assert!(!check.offered().contains(&Question::Zip));
    assert_eq!(
        check.answer(&mut strikes, Question::Zip, "998877"),
        Err(NotCompared::NotOffered)
    );
    assert_eq!(
        check.answer(&mut strikes, Question::PhoneLastFour, "6789"),
        Ok(Mark::DoesNotMatch)
    );
    // A customer SkyPostal did not verify offers neither birth date nor identity.
    customer.verify = None;
    let offered = CallerCheck::new(&customer).offered();
    assert_eq!(offered, [Question::PhoneLastFour]);
}

#[test]
fn a_question_with_more_than_five_candidates_is_not_offered() {
    let mut customer = john();
    customer.customer_address = (0..6).map(|n| address(&format!("1000{n}"), true)).collect();
    assert!(
        !CallerCheck::new(&customer)
            .offered()
            .contains(&Question::Zip)
    );
    customer.customer_address.pop();
    assert!(
        CallerCheck::new(&customer)
            .offered()
            .contains(&Question::Zip)
    );
}

#[test]
fn three_mismatches_close_a_question_for_that_customer_only() {
    let mut strikes = Strikes::default();
    let mut check = CallerCheck::new(&john());
    for _ in 0..3 {
        assert_eq!(
            check.answer(&mut strikes, Question::BirthDate, "2000-01-01"),
            Ok(Mark::DoesNotMatch)
        );
    }
    assert_eq!(
        check.answer(&mut strikes, Question::BirthDate, "1980-08-19"),
        Err(NotCompared::Closed)
    );
    // A new check of the same customer (a refresh, a new pop, after the lock) finds
    // it closed still; an unreadable answer is no strike.
    let mut again = CallerCheck::new(&john());
    assert!(again.is_closed(&strikes, Question::BirthDate));
    assert_eq!(
        again.answer(&mut strikes, Question::Zip, "?"),
        Ok(Mark::DoesNotMatch)
    );
    assert_eq!(
        again.answer(&mut strikes, Question::PhoneLastFour, "12"),
        Err(NotCompared::Unreadable(Unreadable::NotFour))
    );
    assert!(!again.is_closed(&strikes, Question::PhoneLastFour));
    let mut other = john();
    other.cust_id = Some(1);
    assert!(!CallerCheck::new(&other).is_closed(&strikes, Question::BirthDate));
}

#[test]
fn the_outcome_passes_at_the_required_matches_and_fails_when_out_of_reach() {
    let policy = Policy {
        required: true,
        matches: 2,
    };
    let mut strikes = Strikes::default();
    let mut check = CallerCheck::new(&john());
    assert_eq!(check.outcome(&strikes, policy), Outcome::Open);
    check.answer(&mut strikes, Question::Zip, "998877").unwrap();
    assert_eq!(check.outcome(&strikes, policy), Outcome::Open);
    check
        .answer(&mut strikes, Question::BirthDate, "1980-08-19")
        .unwrap();
    assert_eq!(
        check.outcome(&strikes, policy),
        Outcome::Passed(vec![Question::BirthDate, Question::Zip])
    );

    // Three questions closed, one left: two matches can no longer be reached.
    let mut strikes = Strikes::default();
    let mut check = CallerCheck::new(&john());
    for (question, wrong) in [
        (Question::BirthDate, "2000-01-01"),
        (Question::IdLastFour, "0000"),
        (Question::Zip, "0000"),
    ] {
        for _ in 0..3 {
            assert_eq!(
                check.answer(&mut strikes, question, wrong),
                Ok(Mark::DoesNotMatch)
            );
        }
    }
    assert_eq!(check.outcome(&strikes, policy), Outcome::Failed);
    // A customer with nothing verified to ask about cannot pass a required check.
    let mut bare = john();
    bare.verify = None;
    bare.customer_address.clear();
    bare.customer_phone.clear();
    assert_eq!(
        CallerCheck::new(&bare).outcome(&Strikes::default(), policy),
        Outcome::Failed
    );
}

#[test]
fn nothing_on_file_shows_in_debug() {
    let shown = format!("{:?}", CallerCheck::new(&john()));
    for stored in ["1111", "998877", "6789", "4321", "1980"] {
        assert!(!shown.contains(stored), "{stored} in {shown}");
    }
}
