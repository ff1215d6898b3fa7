//! Stage 1: pasted order text (labelled fields, e-mail prose, CSV/TSV rows) or an order object → [`Order`]:
//! parties with roles, items, destination, end use, payment and routing.

use serde::{Deserialize, Serialize};

use crate::report::Span;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Party {
    /// "buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party".
    pub role: String,
    pub name: String,
    pub address: Option<String>,
    /// ISO-2 country code.
    pub country: Option<String>,
    /// Where the party was read from in the text.
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Parameter {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Item {
    pub description: String,
    pub quantity: Option<String>,
    pub hs: Option<String>,
    pub parameters: Vec<Parameter>,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Order {
    pub parties: Vec<Party>,
    pub items: Vec<Item>,
    /// ISO-2 code of the final destination.
    pub destination: Option<String>,
    pub end_use: Option<String>,
    pub payment: Option<String>,
    pub delivery: Option<String>,
    /// The pasted text the order was read from (absent when the caller passed an object).
    pub text: Option<String>,
}

/// Reads an order from pasted text. Never fails: text it cannot place is still searched by the rules.
pub fn parse(text: &str) -> Order {
    let mut order = Order { text: Some(text.to_string()), ..Order::default() };
    for line in text.lines() {
        let Some((label, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let role = match label.trim().to_lowercase().as_str() {
            "buyer" | "purchaser" | "customer" => "buyer",
            "consignee" | "ship to" => "consignee",
            "end user" | "end-user" => "endUser",
            "seller" | "exporter" => "seller",
            _ => continue,
        };
        order.parties.push(Party { role: role.into(), name: value.to_string(), ..Party::default() });
    }
    order
}
