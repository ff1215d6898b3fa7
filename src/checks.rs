//! What a screening run checked, and whether a clear verdict was earned: after the rules and the safety net, before
//! the verdict. A report lists each check (the parties screened and against how many listed names, the text
//! screened for listed names, the items against the control list, destination and route, end use, red flags), so a
//! reader sees what "clear" rests on; and an order from which no buyer, consignee or end user could be read gets a
//! review flag that says what is missing and where to add it, because a clear verdict on an order whose recipient
//! nobody screened would be a clear verdict on nothing.

use serde::{Deserialize, Serialize};

use crate::order::Order;
use crate::report::{Flag, ItemReport, PartyReport, Severity};

/// One thing a screening run checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Check {
    /// "parties", "text", "items", "destination", "endUse", "rules".
    pub code: String,
    /// What was checked, in a sentence.
    pub what: String,
    /// How many things were checked (parties, windows of text, items, countries).
    pub count: usize,
    /// Whether the check covered everything it should have (false: see the flags).
    pub complete: bool,
}

/// The roles that make an order's recipient: without one, nobody the goods go to was screened.
const RECIPIENTS: &[&str] = &["buyer", "consignee", "endUser"];

/// What was checked. `names` is the number of listed names loaded, `lists` the number of lists; `windows` the
/// windows of text the safety net screened and `text_complete` whether it screened them all.
#[allow(clippy::too_many_arguments)]
pub(crate) fn checks(
    order: &Order,
    parties: &[PartyReport],
    items: &[ItemReport],
    flags: &[Flag],
    lists: usize,
    names: usize,
    windows: usize,
    text_complete: bool,
) -> Vec<Check> {
    let parsed = parties.iter().filter(|p| p.role != "namedInText").count();
    let named = parties.len() - parsed;
    let mut out = vec![Check {
        code: "parties".into(),
        what: format!(
            "{} read from the order screened against {} ({} listed names and aliases)",
            plural(parsed, "party", "parties"),
            plural(lists, "list", "lists"),
            names
        ),
        count: parsed,
        complete: has_recipient(order),
    }];
    if order.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
        out.push(Check {
            code: "text".into(),
            what: format!(
                "The whole text screened for listed names ({} of words around rare listed words){}",
                plural(windows, "window", "windows"),
                if named > 0 {
                    format!(": {} named in the text", plural(named, "more party", "more parties"))
                } else {
                    String::new()
                }
            ),
            count: windows,
            complete: text_complete,
        });
    }
    let candidates: usize = items.iter().map(|i| i.controls.len()).sum();
    out.push(Check {
        code: "items".into(),
        what: format!(
            "{} checked against the control list catalogue ({} candidate {})",
            plural(items.len(), "item", "items"),
            candidates,
            if candidates == 1 { "entry" } else { "entries" }
        ),
        count: items.len(),
        complete: !items.is_empty(),
    });
    let countries = order.destination.iter().count() + order.via.len();
    out.push(Check {
        code: "destination".into(),
        what: match &order.destination {
            Some(d) if order.via.is_empty() => format!("Destination {d} checked against embargoes and measures"),
            Some(d) => {
                format!("Destination {d} and route {} checked against embargoes and measures", order.via.join(", "))
            }
            None => "No destination could be read; the parties' countries were checked against embargoes and measures"
                .into(),
        },
        count: countries,
        complete: order.destination.is_some(),
    });
    out.push(Check {
        code: "endUse".into(),
        what: match &order.end_use {
            Some(_) => "The stated end use checked for nuclear, missile, chemical, biological and military uses".into(),
            None => "No end use stated; the text was searched for end-use words".into(),
        },
        count: usize::from(order.end_use.is_some()),
        complete: order.end_use.is_some(),
    });
    out.push(Check {
        code: "rules".into(),
        what: format!(
            "Red flags and catch-all rules applied to the text: {} raised",
            plural(flags.len(), "flag", "flags")
        ),
        count: flags.len(),
        complete: true,
    });
    out
}

/// Whether the order names a buyer, consignee or end user.
fn has_recipient(order: &Order) -> bool {
    order.parties.iter().any(|p| RECIPIENTS.contains(&p.role.as_str()))
}

/// The review flag of an order from which no buyer, consignee or end user could be read: what is missing and where
/// to add it. `None` when one was read.
pub(crate) fn missing_recipient(order: &Order, parties: &[PartyReport]) -> Option<Flag> {
    if has_recipient(order) {
        return None;
    }
    let others: Vec<String> =
        parties.iter().map(|p| format!("{} ({})", p.name, crate::rules::role_label(&p.role))).collect();
    let read = if others.is_empty() {
        "No party at all could be read from the order".to_string()
    } else {
        format!("No buyer, consignee or end user could be read from the order (read: {})", others.join("; "))
    };
    Some(Flag {
        code: "order.no-recipient".into(),
        severity: Severity::Review,
        message: format!(
            "{read}, so nobody the goods go to was screened against the lists: the verdict cannot be clear."
        ),
        // About the whole order, not a place in it.
        evidence: vec![],
        citation: "15 CFR Part 732, Supp. No. 1 (know your customer: the parties to the transaction must be known); Regulation (EU) 2021/821, Art. 12(2) (a licence application names the consignee and the end user)".into(),
        action: Some(
            "Add the buyer, the consignee and the end user under \"What was read from the order\" (Parties, \"Add a party\") and screen again, or ask the customer for them."
                .into(),
        ),
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use crate::report::Verdict;
    use crate::{Config, OrderInput, Screener};

    fn screen(text: &str) -> crate::Report {
        let s = Screener::new(Config::default()).expect("screener");
        s.screen_order(&OrderInput::Text(text.to_string())).expect("report")
    }

    #[test]
    fn missing_recipient_asks_for_review() {
        let r = screen("Please quote 6 monitors.");
        assert_eq!(r.verdict, Verdict::Review);
        let f = r.flags.iter().find(|f| f.code == "order.no-recipient").expect("flag");
        assert!(f.message.contains("No party at all"), "{}", f.message);
        assert!(f.action.as_deref().unwrap_or_default().contains("What was read from the order"));
        assert!(r.checks.iter().any(|c| c.code == "parties" && !c.complete));
    }

    #[test]
    fn named_buyer_is_checked_and_can_be_clear() {
        let r = screen("Buyer: Nairobi Office Supplies Ltd, Nairobi, Kenya\nItems: 20 office chairs");
        assert!(r.flags.iter().all(|f| f.code != "order.no-recipient"), "{:?}", r.flags);
        assert_eq!(r.verdict, Verdict::Clear, "{:?}", r.reasons);
        let codes: Vec<&str> = r.checks.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["parties", "text", "items", "destination", "endUse", "rules"]);
        assert!(r.checks[0].what.starts_with("1 party read from the order"), "{}", r.checks[0].what);
    }
}
