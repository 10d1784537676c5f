//! `/` on the Addresses, Phones and Shipments tabs: a substring filter over each
//! item's displayed fields that ignores case and accents ([`text::fold`]).

use std::fmt;

use tui_input::Input;

use super::Tab;
use super::copy::{address_line, dial_string};
use crate::api::{Address, Checked, Customer, ErrorInfo, Phone};
use crate::i18n::{self, Lang, Verifiable, msg};
use crate::text;

/// A filter on one list tab. The text each item is searched in is built once, when
/// the filter opens, so typing stays fast with thousands of items.
#[derive(Clone)]
pub struct Filter {
    /// The tab it filters (Addresses, Phones or Shipments).
    pub tab: Tab,
    /// What the agent typed.
    pub input: Input,
    /// Indices of the items that match, in order.
    pub matches: Vec<usize>,
    haystacks: Vec<String>,
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("tab", &self.tab)
            .field("query", &self.query())
            .field("matches", &self.matches.len())
            .field("total", &self.total())
            .finish()
    }
}

impl Filter {
    /// An empty filter on `tab` of `customer`; `None` on a tab that
    /// is not a list.
    pub(super) fn open(tab: Tab, customer: &Customer, lang: Lang) -> Option<Self> {
        let haystacks: Vec<String> = match tab {
            Tab::Addresses => customer
                .customer_address
                .iter()
                .map(|address| address_haystack(lang, address))
                .collect(),
            Tab::Phones => customer
                .customer_phone
                .iter()
                .map(|phone| phone_haystack(lang, phone))
                .collect(),
            Tab::Profile | Tab::Shipments | Tab::Raw => return None,
        };
        Some(Self::over(tab, haystacks))
    }

    /// An empty filter on `tab` whose items read `haystacks` (folded: [`text::fold`]).
    pub(super) fn over(tab: Tab, haystacks: Vec<String>) -> Self {
        Self {
            tab,
            input: Input::default(),
            matches: (0..haystacks.len()).collect(),
            haystacks,
        }
    }

    /// What the agent typed.
    pub(crate) fn query(&self) -> &str {
        self.input.value()
    }

    /// How many items the tab has in all.
    pub fn total(&self) -> usize {
        self.haystacks.len()
    }

    /// Recomputes the matches after the query changed.
    pub(super) fn refresh(&mut self) {
        let query = text::fold(self.query().trim());
        self.matches = self
            .haystacks
            .iter()
            .enumerate()
            .filter(|(_, text)| text.contains(&query))
            .map(|(index, _)| index)
            .collect();
    }
}

/// What the screen says of a verification flag, for the filter to find.
fn verification_words(lang: Lang, what: Verifiable, verified: Option<bool>) -> &'static str {
    match verified {
        Some(verified) => i18n::verified(lang, what, verified),
        None => msg::filter::unknown(lang),
    }
}

fn error_words(lang: Lang, error: Option<&ErrorInfo>) -> String {
    error.map_or_else(String::new, |e| {
        msg::filter::error(
            lang,
            e.error_location.trim(),
            e.error_code.trim(),
            e.error_description.trim(),
        )
    })
}

fn optional(number: Option<i64>) -> String {
    number.map(|n| n.to_string()).unwrap_or_default()
}

fn address_haystack(lang: Lang, address: &Address) -> String {
    let text = [
        address_line(address),
        address.ctry_iso_code.to_string(),
        optional(address.city_code),
        optional(address.state_code),
        optional(address.country_code),
        optional(address.address_id),
        format!(
            "{} {} {}",
            address.phone_area.trim(),
            address.phone_number.trim(),
            address.phone_extension.trim()
        ),
        dial_string(
            &address.phone_area,
            &address.phone_number,
            &address.phone_extension,
        ),
        verification_words(lang, Verifiable::Address, address.verified()).to_string(),
        error_words(lang, address.reported_error()),
    ]
    .join("\n");
    text::fold(&text)
}

fn phone_haystack(lang: Lang, phone: &Phone) -> String {
    let text = [
        i18n::phone_kind(lang, phone.kind()),
        phone.phone_area_code.to_string(),
        phone.phone_number.to_string(),
        phone.phone_extension.to_string(),
        dial_string(
            &phone.phone_area_code,
            &phone.phone_number,
            &phone.phone_extension,
        ),
        optional(phone.phone_id),
        verification_words(lang, Verifiable::Phone, phone.verified()).to_string(),
        error_words(lang, phone.reported_error()),
    ]
    .join("\n");
    text::fold(&text)
}
