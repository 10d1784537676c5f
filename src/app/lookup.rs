//! Looking a customer up: by box id and key, or by e-mail through the partner
//! lookup; what came back made ready to show.

use std::sync::Arc;

use super::notice::Notice;
use super::{App, Cmd, Overlay, Pending, Query, RawText, RecentLookup, Request, Screen};
use super::{Detail, Failure, Outcome};
use crate::api::{
    ApiError, CallVerdict, Credentials, Customer, Lookup, PartnerAccount, PartnerLookup, Reason,
    Secret, Tally, Verdict,
};
use crate::query::EmailQuery;

/// A successful lookup made ready to show: the answer and its Raw tab text.
///
/// Pretty-printing an 8 MiB body takes longer than a frame, so the runtime builds
/// this off the event loop, and `update` only moves it into place.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The lookup as the client returned it.
    pub lookup: Lookup,
    /// The body pretty-printed and sanitized (the Raw tab).
    pub raw: RawText,
}

impl Answer {
    /// Readies a lookup for display.
    pub fn new(lookup: Lookup) -> Self {
        let raw = RawText::from_body(&lookup.body);
        Self { lookup, raw }
    }
}

/// An e-mail lookup's answer made ready to act on: the accounts it found, each made
/// into a row of the list to choose from.
///
/// A partner answer can hold tens of thousands of accounts, whose list takes longer
/// than a frame to build, so the runtime builds this off the event loop, and `update`
/// only moves it into place.
pub struct PartnerAnswer {
    verdict: CallVerdict<Vec<Account>>,
}

impl PartnerAnswer {
    /// Readies the answer to `query`: the usable accounts listed, the rest of the
    /// answer (and the keys it held) dropped here.
    pub fn new(lookup: PartnerLookup, query: &Arc<EmailQuery>) -> Self {
        let verdict = lookup.verdict().map(|found| {
            found
                .into_iter()
                .filter_map(|account| Account::new(account, query))
                .collect()
        });
        Self { verdict }
    }

    /// How many accounts can be looked up.
    pub fn usable(&self) -> usize {
        match &self.verdict {
            CallVerdict::Found(accounts) => accounts.len(),
            _ => 0,
        }
    }
}

/// One account found by e-mail. It holds the received key (never shown, and gone
/// when the list closes) and shares the partner credentials the e-mail was asked
/// with, so the list holds no copy of the app key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The customer's full name.
    pub name: String,
    box_id: u64,
    customer_key: Secret,
    partner: Arc<EmailQuery>,
}

impl Account {
    /// The account, when it can be looked up (verified, with a box id and a key).
    fn new(found: &PartnerAccount, partner: &Arc<EmailQuery>) -> Option<Self> {
        if !found.usable() {
            return None;
        }
        Some(Self {
            name: found.full_name(),
            box_id: found.customer_box_id?,
            customer_key: found.customer_key.clone(),
            partner: Arc::clone(partner),
        })
    }

    /// The customer's box id.
    pub fn box_id(&self) -> u64 {
        self.box_id
    }

    /// The credentials that look the customer up.
    fn into_credentials(self) -> Credentials {
        Credentials {
            user_code: self.partner.user_code,
            app_key: self.partner.app_key.clone(),
            customer_box_id: self.box_id,
            customer_key: self.customer_key,
        }
    }
}

/// The customers of one answer: never none, and the highlighted one always among
/// them, so the customer on display is always there to show.
#[derive(Clone, Debug)]
pub struct Customers {
    /// The first customer, with its [`Tally`] worked out once per answer (boxed: a
    /// customer is large, and the screen holding it is moved around).
    first: Box<(Customer, Tally)>,
    /// The others, in SkyPostal's order, each with its [`Tally`].
    rest: Vec<(Customer, Tally)>,
    /// Index of the customer shown (or highlighted, on the list); checked on the way in.
    selected: usize,
}

impl Customers {
    /// The customers of an answer, the first highlighted; `None` when there are none.
    pub fn new(customers: Vec<Customer>) -> Option<Self> {
        let mut tallied = customers.into_iter().map(|c| {
            let tally = c.tally();
            (c, tally)
        });
        let first = tallied.next()?;
        Some(Self {
            first: Box::new(first),
            rest: tallied.collect(),
            selected: 0,
        })
    }

    /// How many there are (at least one).
    #[expect(clippy::len_without_is_empty, reason = "never empty")]
    pub fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// Every customer, in SkyPostal's order.
    pub fn iter(&self) -> impl Iterator<Item = &Customer> {
        std::iter::once(&*self.first)
            .chain(&self.rest)
            .map(|(customer, _)| customer)
    }

    /// The first customer.
    pub fn first(&self) -> &Customer {
        &self.first.0
    }

    /// Index of the customer shown or highlighted.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Highlights customer `index`; an index past the last is refused.
    pub fn select(&mut self, index: usize) -> bool {
        let valid = index < self.len();
        if valid {
            self.selected = index;
        }
        valid
    }

    fn entry(&self) -> &(Customer, Tally) {
        match self.selected.checked_sub(1) {
            None => &self.first,
            // `select` keeps the index in range; the first stands in otherwise.
            Some(index) => self.rest.get(index).unwrap_or(&self.first),
        }
    }
}

/// A successful answer with at least one customer, and the one highlighted.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The credentials the lookup sent, shared with the calls about this customer that
    /// follow (`Debug` redacts the keys).
    pub credentials: Arc<Credentials>,
    /// The customers, and which one is shown or highlighted.
    pub customers: Customers,
    /// The response body pretty-printed and sanitized (Raw tab).
    pub raw: RawText,
    /// Local wall time of the answer: the call note's time.
    pub at: time::Time,
}

impl Loaded {
    /// The box id that was asked for (the suite is built from it).
    pub fn box_id(&self) -> u64 {
        self.credentials.customer_box_id
    }

    /// The customer shown or highlighted.
    pub fn customer(&self) -> &Customer {
        &self.customers.entry().0
    }

    /// Its [`Tally`].
    pub(crate) fn tally(&self) -> Tally {
        self.customers.entry().1
    }
}

impl App {
    /// `--lookup`: the lookup the app starts with, when asked for; an incomplete
    /// form stays up with its missing fields marked.
    pub fn start(&mut self) -> Vec<Cmd> {
        if self.settings.lookup_at_start {
            self.submit()
        } else {
            vec![]
        }
    }

    /// Validates the form and, if it holds, sends a new lookup (replacing the lookup
    /// in flight, by box id or by e-mail, if any).
    pub(super) fn submit(&mut self) -> Vec<Cmd> {
        let Some(query) = self.form.validate() else {
            self.screen = Screen::Form;
            return vec![];
        };
        match query {
            Query::Customer(credentials) => self.look_up(credentials, None),
            Query::Email(query) => {
                let query = Arc::new(query);
                self.send(
                    Pending::Partner(Arc::clone(&query)),
                    Request::Partner(query),
                )
            }
        }
    }

    /// Looks a customer up: typed, or found by `email`.
    pub(super) fn look_up(&mut self, credentials: Credentials, email: Option<String>) -> Vec<Cmd> {
        let credentials = Arc::new(credentials);
        let pending = Pending::Customer {
            credentials: Arc::clone(&credentials),
            email,
        };
        self.send(pending, Request::Customer(credentials))
    }

    /// Sends a lookup; the lookups in flight (by box id or by e-mail) go.
    pub(super) fn send(&mut self, pending: Pending, request: Request) -> Vec<Cmd> {
        let mut cmds: Vec<Cmd> = self
            .requests
            .cancel_lookups()
            .into_iter()
            .map(Cmd::Cancel)
            .collect();
        let (_, fetch) = self.requests.send(self.environment_index, pending, request);
        self.notice = None;
        cmds.extend(fetch);
        cmds
    }

    /// An e-mail lookup answered: one account is looked up as if typed, several are
    /// listed to choose from, none leaves the form as it was with a notice.
    pub(super) fn on_partner(
        &mut self,
        mut entry: RecentLookup,
        query: &Arc<EmailQuery>,
        result: Result<PartnerAnswer, ApiError>,
    ) -> Vec<Cmd> {
        let answer = match result {
            Ok(answer) => answer,
            Err(error) => return self.lookup_failed(entry, error),
        };
        let email = entry.email.clone().unwrap_or_default();
        let (outcome, notice) = match answer.verdict {
            CallVerdict::Found(mut accounts) => {
                if accounts.len() > 1 {
                    self.screen = Screen::Form;
                    self.overlay = Some(Overlay::Accounts {
                        email,
                        accounts,
                        selected: 0,
                    });
                    return vec![];
                }
                if let Some(account) = accounts.pop() {
                    return self.look_up(account.into_credentials(), Some(email));
                }
                (
                    Outcome::NotFound,
                    Notice::NoAccount {
                        user_code: query.user_code,
                    },
                )
            }
            CallVerdict::NotFound => (
                Outcome::NotFound,
                Notice::NoAccount {
                    user_code: query.user_code,
                },
            ),
            CallVerdict::Rejected(reason) => (Outcome::Rejected, Notice::EmailRefused(reason)),
            CallVerdict::SkyPostalError(reason) => (
                Outcome::Failed(Failure::SkyPostal),
                Notice::SkyPostalError(reason),
            ),
            CallVerdict::SystemError(reason) => (Outcome::SystemError, Notice::SystemError(reason)),
        };
        entry.outcome = outcome;
        self.remember(entry);
        self.fail(notice);
        vec![]
    }

    /// Looks up account `index` of the list an e-mail found (the highlighted one when
    /// `None`); the list, and the keys it held, go.
    pub(super) fn open_account(&mut self, index: Option<usize>) -> Vec<Cmd> {
        let Some(Overlay::Accounts {
            email,
            mut accounts,
            selected,
        }) = self.overlay.take()
        else {
            return vec![];
        };
        let index = index.unwrap_or(selected);
        if index >= accounts.len() {
            return vec![];
        }
        let account = accounts.swap_remove(index);
        self.look_up(account.into_credentials(), Some(email))
    }

    /// A customer lookup answered: the customers come up (one at once, with its
    /// shipments asked for with the `credentials` the lookup sent), or the form with
    /// a notice.
    pub(super) fn on_customer(
        &mut self,
        mut entry: RecentLookup,
        credentials: Arc<Credentials>,
        result: Result<Answer, ApiError>,
    ) -> Vec<Cmd> {
        let Answer { lookup, raw } = match result {
            Ok(answer) => answer,
            Err(error) => return self.lookup_failed(entry, error),
        };
        let refused = match lookup.verdict() {
            Verdict::Found => None,
            verdict => Some(self.refusal(verdict, entry.box_id)),
        };
        let customers = match refused {
            None => Customers::new(lookup.customers),
            Some(_) => None,
        };
        let Some(customers) = customers else {
            let (outcome, notice) =
                refused.unwrap_or_else(|| self.refusal(Verdict::NotFound, entry.box_id));
            entry.outcome = outcome;
            self.remember(entry);
            self.fail(notice);
            return vec![];
        };
        entry.name = Some(customers.first().full_name());
        entry.outcome = Outcome::Found(customers.len());
        let at = entry.at;
        self.remember(entry);
        let several = customers.len() > 1;
        let loaded = Loaded {
            credentials,
            raw,
            customers,
            at,
        };
        self.overlay = None;
        if several {
            self.screen = Screen::Choose(loaded);
            return vec![];
        }
        self.show_detail(loaded)
    }

    /// What a verdict other than found comes to: the recent list's outcome, and the
    /// notice.
    fn refusal(&self, verdict: Verdict<'_>, box_id: u64) -> (Outcome, Notice) {
        match verdict {
            Verdict::SystemError(reason) => (
                Outcome::SystemError,
                Notice::SystemError(Reason::from(reason)),
            ),
            Verdict::Rejected(reason) => (
                Outcome::Rejected,
                Notice::CredentialsRejected(Reason::from(reason)),
            ),
            Verdict::NotFound | Verdict::Found => (
                Outcome::NotFound,
                Notice::NoCustomer {
                    box_id,
                    environment: self.environment().label.clone(),
                },
            ),
        }
    }

    /// Shows a customer's details and asks for its shipments alongside.
    pub(super) fn show_detail(&mut self, loaded: Loaded) -> Vec<Cmd> {
        self.screen = Screen::Detail(Detail::new(loaded, self.today));
        match self.screen_and_ctx() {
            (Screen::Detail(detail), mut ctx) => detail.fetch_shipments(&mut ctx),
            _ => vec![],
        }
    }

    /// Back to the form, every value kept, with a notice saying what happened.
    pub(super) fn fail(&mut self, notice: Notice) {
        self.screen = Screen::Form;
        self.notice = Some(notice);
    }

    /// A lookup that came back with an error: remembered as failed among the recent
    /// lookups, and said on the form.
    fn lookup_failed(&mut self, mut entry: RecentLookup, error: ApiError) -> Vec<Cmd> {
        entry.outcome = Outcome::Failed(Failure::from(&error));
        self.remember(entry);
        self.fail(Notice::Failed(error));
        vec![]
    }
}
