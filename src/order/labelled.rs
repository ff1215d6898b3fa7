//! Labelled lines: `Buyer: ...`, `Käufer:` with the value on the same line or in the block below, e-mail and
//! document headers (`From:`, `To:`), contact-form fields (`Company:`), and the values of order fields (end
//! use, payment, delivery, HS code, quantity, destination, route).

use super::labels::{
    clean_value, is_company_like, is_in, is_legal_segment, is_non_name, labelled_line, labels, match_label, segments,
    truncate_at_char, FieldDef, Trigger,
};
use super::quantity::{find_hs, find_quantity, read_count, read_hs_digits};
use super::{append, country_from_field, push_unique, Parser, Party, MAX_DESCRIPTION, MAX_PARTIES};
use crate::geo::{geo, PlaceKind};
use crate::text;
use crate::text::case::Case as _;

impl<'a> Parser<'a> {
    pub(super) fn labelled(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let (s, _) = self.lines.get(i).copied().unwrap_or_default();
            if self.is_consumed(s) {
                i += 1;
                continue;
            }
            let line = self.line(i);
            let Some((def, label, value)) = labelled_line(line) else {
                i = self.inline_party_label(i, line).max(i + 1);
                continue;
            };
            let value = truncate_at_char(clean_value(value), MAX_DESCRIPTION);
            let next = match def.kind.as_str() {
                "party" => self.labelled_party(def, label, value, i),
                "header" => {
                    self.header_party(&def.key, label, value);
                    i + 1
                }
                "item" => self.labelled_items(value, i),
                "field" => {
                    let mut j = i + 1;
                    let mut extra: Vec<&'a str> = Vec::new();
                    if def.key == "endUse" || (value.is_empty() && def.key != "hs" && def.key != "quantity") {
                        while j < self.lines.len() && extra.len() < 5 {
                            let l = self.line(j);
                            if l.trim().is_empty() || labelled_line(l).is_some_and(|d| d.0.kind != "column") {
                                break;
                            }
                            extra.push(l.trim());
                            j += 1;
                        }
                    }
                    let v: &'a str = if value.is_empty() { extra.first().copied().unwrap_or_default() } else { value };
                    self.field_value(&def.key, label, v);
                    if def.key == "endUse" {
                        let more: Vec<&str> = extra.iter().skip(usize::from(value.is_empty())).copied().collect();
                        if !more.is_empty() {
                            if let Some(eu) = self.order.end_use.as_mut() {
                                eu.push(' ');
                                eu.push_str(&more.join(" "));
                            }
                        }
                    }
                    j
                }
                "invoice" => {
                    self.invoice_party(label, value);
                    i + 1
                }
                "column" if def.key == "name" => {
                    self.form_company(label, value);
                    i + 1
                }
                _ => i + 1,
            };
            self.consume_lines(i, next.saturating_sub(1).max(i));
            i = next.max(i + 1);
        }
    }

    /// A party label that opens a sentence inside a line of prose ("passt so, bitte liefern. Lieferadresse wie
    /// immer: Nábytek Novák s.r.o., ..., Brno", "Merci. Destinataire : ..."): the party, as on a line of its own.
    /// The line's other sentences stay for the prose readers (the line is not consumed; the address lines under
    /// it are), and so is one in the value of a label that is no party's ("Handling information: Final consignee:
    /// ..."). Returns the next line to read.
    fn inline_party_label(&mut self, i: usize, line: &'a str) -> usize {
        let starts = text::sentences(line)
            .into_iter()
            .map(|(s, _)| s)
            .chain(line.match_indices(['。', '；', '！', '？']).map(|(p, c)| p + c.len()).filter(|&p| p < line.len()))
            // A party label in the value of another label ("Handling information: Final consignee: KBP ...,
            // Tula", the IATA air waybill's free-text box): after a colon near the start of the line.
            .chain(line.match_indices([':', '：']).map(|(p, c)| p + c.len()).filter(|&p| p <= 64 && p < line.len()));
        for s in starts.filter(|&s| s > 0) {
            let rest = line.get(s..).unwrap_or_default().trim_start();
            let Some((def, label, value)) = labelled_line(rest) else { continue };
            // A label written inside a sentence is followed by its colon ("Lieferadresse wie immer:").
            let after = text::offset_in(rest, label).map_or(0, |o| o + label.len());
            let colon = rest.get(after..).is_some_and(|r| r.starts_with([':', '：']));
            // "Our client: ..." is the prose reader's (a customer, the end user), not the label "Client".
            let lead = text::words(label).first().is_some_and(|w| is_in(&labels().label_fillers, w));
            let value = truncate_at_char(clean_value(value), MAX_DESCRIPTION);
            if def.kind != "party" || !colon || lead || value.is_empty() {
                continue;
            }
            let next = self.labelled_party(def, label, value, i);
            if next > i + 1 {
                self.consume_lines(i + 1, next - 1);
            }
            return next;
        }
        i + 1
    }

    /// A chat's question about a party answered in the next message ("Consignee as before?" — "yes Dimbula Valley
    /// Plantations PLC, Talawakelle, Sri Lanka"): the answer is the party's value.
    pub(super) fn chat_answers(&mut self) {
        if self.message_starts.is_empty() {
            return;
        }
        for i in 0..self.lines.len().saturating_sub(1) {
            let line = self.line(i).trim_end();
            let Some(body) = line.strip_suffix('?') else { continue };
            let question = body.rsplit(['.', '!', ',', ':']).next().unwrap_or(body).trim();
            let Some(def) = question_role(question) else { continue };
            if !self.opens_message(i + 1) || self.is_consumed(self.lines.get(i + 1).map_or(0, |l| l.0)) {
                continue;
            }
            let answer = self.line(i + 1).trim();
            let mut value = answer;
            for yes in ["yes", "yeah", "yep", "ok", "oui", "si", "sí", "ja", "да", "evet", "是"] {
                let lower = value.get(..yes.len()).map(crate::text::case::lower);
                if lower.as_deref() == Some(yes) && value.get(yes.len()..).is_some_and(|r| r.starts_with([' ', ','])) {
                    value = value.get(yes.len()..).unwrap_or_default().trim_start_matches([' ', ',']);
                }
            }
            // "Алматы, ТОО «Дала Индастриал», а оттуда наш клиент заберёт в Москву": the place written first says
            // where the party is; the words from a route phrase on ("from there ...") are no address.
            let (value, first_place) = self.answer_party(value);
            if !value.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let before = self.order.parties.len();
            let next = self.labelled_party(def, question, value, i + 1);
            let rest = text::offset_in(self.text, value).map(|at| at + value.len());
            let after = rest.and_then(|r| self.text.get(r..self.lines.get(i + 1).map_or(r, |l| l.1.max(r))));
            for p in self.order.parties.iter_mut().skip(before) {
                if p.country.is_none() {
                    p.country = first_place.clone().or_else(|| after.and_then(|a| geo().country_of(a)));
                }
            }
            self.consume_lines(i + 1, next.saturating_sub(1).max(i + 1));
        }
    }

    /// A chat answer naming a party: without the places written before its name (and the country of the first), and
    /// cut before the first comma ahead of a route or party phrase.
    fn answer_party(&self, value: &'a str) -> (&'a str, Option<String>) {
        let g = geo();
        let mut v = value;
        let mut first_place = None;
        while let Some((seg, rest)) = v.split_once(',') {
            let places = g.places_in(seg.trim());
            let whole = places.len() == 1 && places.first().is_some_and(|f| f.start == 0 && f.end == seg.trim().len());
            if !whole {
                break;
            }
            first_place = first_place.or(places.into_iter().next().map(|f| f.value.code));
            v = rest.trim_start();
        }
        let Some(at) = text::offset_in(self.text, v) else { return (v, first_place) };
        let toks = self.toks;
        let (a, b) = (toks.partition_point(|t| t.start < at), toks.partition_point(|t| t.start < at + v.len()));
        let stoks = toks.get(a..b).unwrap_or_default();
        let cut = labels()
            .triggers
            .find_all(self.text, stoks)
            .into_iter()
            .filter(|f| matches!(f.value, Trigger::Onward | Trigger::Via | Trigger::Destination(_) | Trigger::Party(_)))
            .filter_map(|f| v.get(..f.start.saturating_sub(at)).and_then(|x| x.rfind(',')))
            .find(|&c| c > 0);
        (cut.and_then(|c| v.get(..c)).unwrap_or(v).trim_end(), first_place)
    }

    /// Reads a party field and the lines that continue it; returns the next line to read.
    pub(super) fn labelled_party(&mut self, def: &FieldDef, label: &str, value: &'a str, i: usize) -> usize {
        let value = party_sentence(value);
        let mut j = i + 1;
        let mut block: Vec<&'a str> = Vec::new();
        let max = if value.is_empty() { 8 } else { 5 };
        while j < self.lines.len() && block.len() < max {
            let l = self.line(j);
            if self.opens_message(j) {
                break;
            }
            if l.trim().is_empty() {
                if value.is_empty() && block.is_empty() {
                    j += 1;
                    continue;
                }
                break;
            }
            match labelled_line(l) {
                Some((d, _, _)) if d.kind == "ignore" => {
                    j += 1;
                    continue;
                }
                // "Address: ...", "City: ...", "Country: ..." (and "Name: ..." first in a block under a bare label)
                // continue the party.
                Some((d, _, v))
                    if (matches!(d.key.as_str(), "address" | "city" | "country")
                        || (d.key == "name" && value.is_empty() && block.is_empty()))
                        && !v.is_empty() =>
                {
                    block.push(v.trim());
                    j += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            if (!value.is_empty() && !address_like(l)) || super::items::part_number_line(l) {
                break;
            }
            if value.is_empty()
                && block.is_empty()
                && !address_like(l)
                && !l.trim().chars().next().is_some_and(char::is_uppercase)
            {
                break;
            }
            block.push(l.trim());
            j += 1;
        }
        let (v, rest): (&'a str, &[&'a str]) = if value.is_empty() {
            match block.split_first() {
                Some((f, r)) => (clean_value(f), r),
                None => ("", &[]),
            }
        } else {
            (value, &block[..])
        };
        if v.is_empty() {
            return j;
        }
        self.push_field(&def.key, label, v);
        let folded = text::words(v).join(" ");
        if let Some(rest) = same_as(&folded) {
            let src = match_label(rest, true).filter(|d| d.kind == "party").map(|d| d.key.as_str()).or_else(|| {
                ["buyer", "consignee", "endUser"]
                    .into_iter()
                    .find(|r| rest.contains(&r.to_lower().replace("enduser", "end user")))
            });
            let copy = match src {
                Some(r) => self.order.parties.iter().find(|p| p.role == r).cloned(),
                None => self.order.parties.last().cloned(),
            };
            if let Some(mut c) = copy {
                c.role = def.key.clone();
                c.span = Some(text::slice_span(self.text, v));
                self.add_party(c);
            }
            return j;
        }
        if is_non_name(v) {
            return j;
        }
        // A ship: its name only, up to the voyage number; the lines below are not its address.
        if def.key == "vessel" {
            if let Some(p) = super::vessel::vessel_in_value(self.text, self.toks, v) {
                self.add_party(Party { read_from: "label".into(), ..p });
            }
            return i + 1;
        }
        // "End user: our customer in Pakistan", "Ship to: a hospital in Karachi": a party described, not named.
        if matches!(def.key.as_str(), "endUser" | "consignee" | "intermediate") && described_not_named(v) {
            self.push_field("unnamedEndUser", label, v);
            let g = geo();
            if let Some(place) = g.places_in(v).into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective) {
                let better = self.pending.prose_destination.as_ref().is_none_or(|(p, _)| 2 > *p);
                if better {
                    self.pending.prose_destination = Some((2, place.value.code));
                }
            }
            return j;
        }
        if self.order.parties.len() >= MAX_PARTIES {
            // No more parties are kept (`add_party`): reading this one would be wasted work.
            return j;
        }
        let party = self.party_from(&def.key, v, rest, "label");
        // "Buyer / Consignee:", "Buyer and end user:": the same party in each role the label names.
        let extra = extra_roles(label, &def.key);
        self.add_party(party.clone());
        // "哈尔滨工业大学（Harbin Institute of Technology）", "ООО «Сертал» (Sertal LLC)": the name in another
        // script, in brackets, is screened as written too.
        if let Some(alt) = other_script_name(&party.name) {
            let mut p = party.clone();
            p.name = alt.to_string();
            p.span = Some(text::slice_span(self.text, alt));
            p.descriptor = Some(format!("the same party as \"{}\", written in another script", party.name));
            self.add_party(p);
        }
        for role in extra {
            let mut p = party.clone();
            p.role = role;
            self.add_party(p);
        }
        j
    }

    /// Whether "From:"/"To:" lines head a document the seller wrote (a proforma invoice, a quotation: From = the
    /// seller, To = the buyer) rather than a message or order from the customer (From = the customer).
    pub(super) fn is_document_with_headers(&self) -> bool {
        const SELLER_DOCUMENTS: &[&str] = &[
            "invoice",
            "proforma",
            "pro forma",
            "pro-forma",
            "quotation",
            "our offer",
            "offer no",
            "angebot",
            "rechnung",
            "facture",
            "devis",
            "factura",
            "cotizacion",
            "order confirmation",
            "auftragsbestatigung",
            "confirmation de commande",
            "счет",
            "инвойс",
        ];
        let mut to_company = false;
        let mut seller_document = false;
        for i in 0..self.lines.len() {
            let line = self.line(i);
            if let Some((def, _, value)) = labelled_line(line) {
                if def.kind == "header" {
                    if value.contains('@') {
                        return false;
                    }
                    if def.key == "to" && !sender_name(value).is_empty() {
                        to_company = true;
                    }
                    continue;
                }
            }
            if !seller_document {
                let f = format!(" {} ", text::words(truncate_at_char(line, 400)).join(" "));
                seller_document = SELLER_DOCUMENTS.iter().any(|w| f.contains(&format!(" {w} ")));
            }
        }
        // "REQUEST FOR QUOTATION" names a quotation but is the buyer's request: its sender is the customer.
        to_company && seller_document && !self.rfq_titled()
    }

    /// An e-mail or document header: "From: Hasan Scientific Corp, Lahore, Pakistan", "From: Ali Raza
    /// <ali@example.pk>", "To: M/s Business World, Rawalpindi". The sender of a pasted e-mail is the customer
    /// (a company as buyer, a person as a party to screen); the recipient is the exporter itself. In a document
    /// with "From:" and "To:" (a proforma invoice) the sender is the seller and the recipient the buyer.
    pub(super) fn header_party(&mut self, key: &str, label: &str, value: &'a str) {
        // In a thread, only the sender of the order message is the customer (see `thread`).
        let other = text::offset_in(self.text, value).is_some_and(|at| self.in_other_message(at));
        if key == "from" && !self.document_headers {
            if let Some(c) = domain_country(value) {
                if self.order_message.is_some() {
                    if !other {
                        self.pending.sender_country = Some(c);
                    }
                } else {
                    self.pending.sender_country.get_or_insert(c);
                }
            }
        }
        let name = sender_name(value);
        if name.is_empty() || is_non_name(name) || name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return;
        }
        let segs = segments(name);
        let has_place = segs.iter().skip(1).any(|s| !geo().places_in(s).is_empty());
        let company = is_company_like(segs.first().copied().unwrap_or(name)) || has_place;
        let role = match (key, self.document_headers) {
            ("from", true) => "seller",
            ("to", true) => "buyer",
            ("from", false) if company && !other => "buyer",
            ("from", false) => "party",
            _ => return,
        };
        self.push_field(key, label, name);
        let mut p = self.party_from(role, name, &[], "header");
        if !self.document_headers {
            p.descriptor =
                Some(if key == "from" { "sender of the message" } else { "addressee of the message" }.into());
        }
        self.add_party(p);
    }

    /// "Company: Al-Noor Traders, Karachi" in an enquiry form or a contact block: the customer, unless the order
    /// names its buyer elsewhere (then a party to screen).
    pub(super) fn form_company(&mut self, label: &str, value: &'a str) {
        const COMPANY_LABELS: &[&str] = &[
            "company",
            "firma",
            "firmenname",
            "societe",
            "raison",
            "empresa",
            "razon",
            "organisation",
            "organization",
            "entity",
            "компания",
            "организация",
            "наименование",
        ];
        let v = clean_value(value);
        if v.is_empty() || is_non_name(v) {
            return;
        }
        let company_label = text::words(label).first().is_some_and(|w| COMPANY_LABELS.contains(&w.as_str()));
        if !company_label && !is_company_like(segments(v).first().copied().unwrap_or(v)) {
            return;
        }
        self.push_field("name", label, v);
        let p = self.party_from("buyer", v, &[], "form");
        self.add_party(p);
    }

    /// "facture: Quincaillerie Moderne Diop & Frères, Marché Sandaga, Dakar": the party an invoice is made out to,
    /// the buyer, when the value starts with a name (capitalised words, no number: "Invoice No: 123" names none).
    pub(super) fn invoice_party(&mut self, label: &str, value: &'a str) {
        let v = clean_value(value);
        let first = segments(v).first().copied().unwrap_or(v);
        let connectors = &super::labels::labels().connectors;
        let words: Vec<&str> = first.split_whitespace().collect();
        let named = words.len() >= 2
            && !first.chars().any(|c| c.is_ascii_digit())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                    || super::labels::is_in(connectors, &text::fold(w))
            });
        if !named || is_non_name(first) {
            return;
        }
        self.push_field("buyer", label, v);
        let p = self.party_from("buyer", v, &[], "label");
        self.add_party(p);
    }

    /// A party from a value such as "M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan".
    pub(super) fn party_from(&self, role: &str, value: &'a str, extra: &[&'a str], read_from: &str) -> Party {
        let segs = segments(value);
        let mut name_end =
            segs.first().map(|s| text::offset_in(value, s).unwrap_or(0) + s.len()).unwrap_or(value.len());
        let mut k = 1;
        while let Some(seg) = segs.get(k) {
            if is_legal_segment(seg) {
                name_end = text::offset_in(value, seg).map(|o| o + seg.len()).unwrap_or(name_end);
                k += 1;
            } else {
                break;
            }
        }
        let mut name_slice = value.get(..name_end).unwrap_or(value).trim().trim_end_matches([',', ';']).trim();
        // "Al Futtaim Engineering LLC for residential towers in Dubai": the words after " for " describe the party.
        let mut descriptor = None;
        for sep in [" for ", " at ", " in ", " - "] {
            if let Some(p) = name_slice.find(sep) {
                let rest = name_slice.get(p + sep.len()..).unwrap_or_default();
                if p > 0 && rest.chars().next().is_some_and(char::is_lowercase) {
                    descriptor = Some(rest.trim().to_string());
                    name_slice = name_slice.get(..p).unwrap_or(name_slice).trim();
                    break;
                }
            }
        }
        let mut address_parts: Vec<String> = segs.iter().skip(k).map(|s| s.to_string()).collect();
        address_parts.extend(extra.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        let address = (!address_parts.is_empty()).then(|| address_parts.join(", "));
        let g = geo();
        let country = address.as_deref().and_then(|a| g.country_of(a)).or_else(|| {
            g.places_in(value).iter().rev().find(|f| f.value.kind != PlaceKind::Adjective).map(|f| f.value.code.clone())
        });
        Party {
            role: role.to_string(),
            name: name_slice.to_string(),
            address,
            country,
            span: Some(text::slice_span(self.text, name_slice)),
            descriptor,
            read_from: read_from.to_string(),
        }
    }

    /// A value for the order (end use, payment, HS code, ...).
    pub(super) fn field_value(&mut self, key: &str, label: &str, value: &'a str) {
        let value = clean_value(value);
        if value.is_empty() {
            return;
        }
        self.push_field(key, label, value);
        let g = geo();
        match key {
            "endUse" if self.order.end_use.is_none() => self.order.end_use = Some(value.to_string()),
            "payment" => append(&mut self.order.payment, value),
            "delivery" => {
                append(&mut self.order.delivery, value);
                for f in g.places_in(value) {
                    if f.value.kind != PlaceKind::Adjective {
                        let via_word = text::fold(value.get(..f.start).unwrap_or_default());
                        if via_word.contains("via") || via_word.contains("through") || via_word.contains("transit") {
                            push_unique(&mut self.order.via, &f.value.code);
                        }
                    }
                }
            }
            "hs" => {
                if let Some((code, _)) = read_hs_digits(value).or_else(|| find_hs(value).map(|h| (h.0, 0))) {
                    match self.order.items.iter_mut().rev().find(|i| i.hs.is_none()) {
                        Some(it) => it.hs = Some(code),
                        None => self.pending.hs = Some(code),
                    }
                }
            }
            "quantity" => {
                let q = find_quantity(value).map(|q| (q.0, q.1, q.2)).or_else(|| {
                    read_count(value).map(|(v, used)| {
                        (value.to_string(), v, value.get(used..).unwrap_or_default().trim().to_string())
                    })
                });
                if let Some((t, v, u)) = q {
                    let t = if t.trim().chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                        value.to_string()
                    } else {
                        t
                    };
                    match self.order.items.iter_mut().rev().find(|i| i.quantity.is_none()) {
                        Some(it) => {
                            it.quantity = Some(t);
                            it.quantity_value = Some(v);
                            it.unit = (!u.is_empty()).then_some(u);
                        }
                        None => self.pending.quantity = Some((t, v, u)),
                    }
                }
            }
            "eccn" => {
                let v = truncate_at_char(value, 80);
                match self.order.items.last_mut() {
                    Some(it) if !it.description.contains(v) => {
                        it.description.push_str(&format!(" (classification stated: {v})"));
                    }
                    Some(_) => {}
                    None => self.pending.eccn = Some(v.to_string()),
                }
            }
            "destination" => {
                if let Some(c) = country_from_field(value) {
                    self.pending.destination.get_or_insert(c);
                }
            }
            "port" => {
                if let Some(c) = country_from_field(value) {
                    self.pending.port.get_or_insert(c);
                }
            }
            "via" => {
                for f in g.places_in(value) {
                    if f.value.kind != PlaceKind::Adjective {
                        push_unique(&mut self.order.via, &f.value.code);
                    }
                }
                if let Some(c) = country_from_field(value) {
                    push_unique(&mut self.order.via, &c);
                }
            }
            "country" => {
                let Some(c) = country_from_field(value) else { return };
                match self.order.parties.last_mut() {
                    Some(p) if p.country.is_none() => p.country = Some(c),
                    Some(_) => {}
                    None => {
                        self.pending.destination.get_or_insert(c);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The name part of an e-mail header value: `"Ali Raza" <ali@example.pk>`, `Hasan Scientific Corp [mailto:x@y]`,
/// `sales@example.com` (nothing). A sub-slice of `value`, so its span points into the text.
pub(super) fn sender_name(value: &str) -> &str {
    let mut end = value.len();
    for (i, c) in value.char_indices() {
        if c == '<'
            || c == '['
            || (c == '(' && value.get(i..).is_some_and(|r| r.split(')').next().is_some_and(|x| x.contains('@'))))
        {
            end = i;
            break;
        }
    }
    let mut v = value.get(..end).unwrap_or_default();
    // A bare address: cut at the word that contains '@'.
    if let Some(at) = v.find('@') {
        let start = v.get(..at).and_then(|b| b.rfind(char::is_whitespace)).map(|p| p + 1).unwrap_or(0);
        v = v.get(..start).unwrap_or_default();
    }
    v.trim().trim_matches(|c: char| c == '"' || c == '\'' || c == ',' || c == ';' || c.is_whitespace())
}

/// The country of the first e-mail address in `s` by its country-code top-level domain ("ali@hasansci.com.pk" →
/// PK); none for generic and vanity domains (".com", ".io", ".co").
pub(super) fn domain_country(s: &str) -> Option<String> {
    let at = s.find('@')?;
    let domain: String =
        s.get(at + 1..)?.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    let tld = domain.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    if tld.len() != 2 || is_in(&labels().generic_tlds, &tld) {
        return None;
    }
    let code = if tld == "uk" { "GB".to_string() } else { tld.to_ascii_uppercase() };
    geo().is_code(&code).then_some(code)
}

/// "Same as buyer", "as above", "wie Käufer", "idem acheteur": the words after the reference (possibly empty), when
/// a party value refers to another party.
pub(super) fn same_as(folded: &str) -> Option<&str> {
    const LEADS: &[&str] = &[
        "same as the",
        "same as",
        "as above",
        "see above",
        "ditto",
        "dito",
        "idem",
        "wie der",
        "wie die",
        "wie oben",
        "siehe oben",
        "identisch mit dem",
        "identisch mit",
        "identisch",
        "gleich wie",
        "wie",
        "meme que le",
        "meme que l",
        "meme que",
        "comme ci dessus",
        "comme",
        "igual que el",
        "igual que",
        "igual al",
        "el mismo que",
        "как",
        "то же",
    ];
    // Chinese writes "同上" (as above) and "同买方" (as the buyer), without a space.
    if let Some(rest) = folded.strip_prefix('同') {
        let rest = rest.trim();
        if rest == "上" {
            return Some("");
        }
        if match_label(rest, true).is_some_and(|d| d.kind == "party") {
            return Some(rest);
        }
    }
    for l in LEADS {
        if let Some(rest) = folded.strip_prefix(l) {
            if rest.is_empty() || rest.starts_with(' ') {
                let rest = rest.trim();
                // "Wien Trading GmbH" is a name, not "wie ..."
                if (*l == "wie" || *l == "comme" || *l == "как") && match_label(rest, true).is_none() {
                    continue;
                }
                return Some(rest);
            }
        }
    }
    None
}

/// The other party roles a combined label names ("Buyer / Consignee" → consignee when read as buyer).
pub(super) fn extra_roles(label: &str, first: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lower = label.to_lower();
    // "Adresse de livraison et de facturation": the second part shares the first's head word ("adresse").
    let head = lower.split_whitespace().next().unwrap_or_default();
    let parts = lower
        .split(['/', '&', ',', '+'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" y "))
        .flat_map(|p| p.split(" ve "))
        .flat_map(|p| p.split(" и "));
    for part in parts {
        let found = match_label(part, true).or_else(|| match_label(&format!("{head} {}", part.trim()), true));
        if let Some(d) = found {
            if d.kind == "party" && d.key != first && !out.contains(&d.key) {
                out.push(d.key.clone());
            }
        }
    }
    out
}

/// "our customer in Pakistan", "a nuclear power plant in Chashma", "the end user": a value that describes a party
/// without naming it (an article or possessive first, then no capitalised word but place names).
pub(super) fn described_not_named(v: &str) -> bool {
    const LEADS: &[&str] = &[
        "our", "a", "an", "the", "their", "one", "my", "some", "various", "local", "unser", "unsere", "unseren", "ein",
        "eine", "einen", "notre", "nos", "un", "une", "nuestro", "nuestra", "un", "una",
    ];
    let toks = text::tokens(v);
    let Some(first) = toks.first() else { return false };
    if !LEADS.contains(&first.norm.as_str()) || toks.len() > 14 {
        return false;
    }
    let places = geo().places_in(v);
    toks.iter().skip(1).all(|t| {
        !v.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
            || places.iter().any(|p| p.start <= t.start && p.end >= t.end)
    })
}

/// Whether a line below a party value continues its address.
/// The name written in brackets after a name in another script (Han or Cyrillic outside, Latin inside, or the
/// reverse): "哈尔滨工业大学（Harbin Institute of Technology）" → "Harbin Institute of Technology". A slice of `name`.
pub(super) fn other_script_name(name: &str) -> Option<&str> {
    let open = name.find(['(', '（'])?;
    let inner_start = open + name.get(open..)?.chars().next()?.len_utf8();
    let close = inner_start + name.get(inner_start..)?.find([')', '）'])?;
    let (outside, inside) = (name.get(..open)?, name.get(inner_start..close)?.trim());
    let latin = |s: &str| {
        let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty() && letters.iter().all(|c| c.is_ascii_alphabetic() || (u32::from(*c) < 0x250))
    };
    let other = |s: &str| s.chars().any(|c| c.is_alphabetic() && u32::from(c) >= 0x370);
    let words = inside.split_whitespace().count();
    let differ = (other(outside) && latin(inside)) || (latin(outside) && other(inside));
    (differ && words >= 2 && inside.chars().filter(|c| c.is_alphabetic()).count() >= 4).then_some(inside)
}

/// A party's value that runs on into prose ("ООО «УралТехПром», г. Екатеринбург. Груз пойдёт через Стамбул."): the
/// first sentence only, when what follows reads as a sentence of its own (three words or more, one of them in lower
/// case), so the next sentence's places do not become the party's address.
/// The party a chat question asks for: a party label ("Consignee as before?"), a consignee label first in it ("¿entrega
/// en el almacén de siempre?"), or a question word asking where with a delivery or destination word ("куда
/// поставка?", "where to deliver?"): the consignee.
fn question_role(question: &str) -> Option<&'static FieldDef> {
    if let Some(d) = match_label(question, false).filter(|d| d.kind == "party") {
        return Some(d);
    }
    let words = text::words(question);
    let consignee = || match_label("consignee", true);
    let led = (1..=words.len().min(4))
        .rev()
        .any(|n| words.get(..n).and_then(|w| match_label(&w.join(" "), true)).is_some_and(|d| d.key == "consignee"));
    if led {
        return consignee();
    }
    let v = labels();
    let asks_where = words.iter().any(|w| is_in(&v.where_words, w));
    let about_delivery = words.iter().any(|w| {
        match_label(w, true).is_some_and(|d| matches!(d.key.as_str(), "delivery" | "destination" | "consignee"))
            || ["deliver", "ship", "send", "liefern", "livrer", "entregar", "enviar", "доставить", "отправить"]
                .contains(&w.as_str())
    });
    (asks_where && about_delivery).then(consignee).flatten()
}

fn party_sentence(value: &str) -> &str {
    let sents = text::sentences(value);
    let (Some(&(_, z)), true) = (sents.first(), sents.len() > 1) else { return value };
    let rest = value.get(z..).unwrap_or_default();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let prose = words.len() >= 3 && words.iter().any(|w| w.chars().next().is_some_and(char::is_lowercase));
    if prose {
        value.get(..z).unwrap_or(value).trim_end_matches('.').trim_end()
    } else {
        value
    }
}

pub(super) fn address_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 140 {
        return false;
    }
    let words = text::words(t);
    let first = words.first().map(String::as_str).unwrap_or_default();
    if [
        "we", "i", "please", "pls", "dear", "kindly", "thank", "thanks", "our", "the", "regards", "best", "hello",
        "hi", "need", "needs", "ok", "okay", "noted", "yes", "no", "urgent", "price", "quote",
    ]
    .contains(&first)
    {
        return false;
    }
    // A closing ("谢谢", "Best regards") is no address.
    if super::signature::CLOSINGS.contains(&words.join(" ").as_str()) {
        return false;
    }
    // A goods line ("need 50 pcs pressure transducers", "20 pcs servo valves") is no address.
    if super::quantity::count_quantity(t).is_some_and(|q| !q.2.is_empty() && q.2 != "no") {
        return false;
    }
    let sentence_end = t.ends_with(['.', '?', '!']) && words.len() >= 6;
    if sentence_end || words.len() > 14 {
        return false;
    }
    // "Ship to our customer in Pakistan", "End user: ...", "for use in ...": a statement, not an address line.
    if ["ship", "deliver", "send", "shipment", "delivery", "goods", "final", "payment", "end", "for", "to", "kindly"]
        .contains(&first)
    {
        return false;
    }
    let party_or_place = |tr: &Trigger| matches!(tr, Trigger::Party(_) | Trigger::Destination(_) | Trigger::EndUse);
    if labels().cjk_triggers.iter().any(|(ph, tr)| party_or_place(tr) && t.contains(ph.as_str())) {
        return false;
    }
    let toks = text::tokens(t);
    if labels().triggers.find_all(t, &toks).iter().any(|f| {
        matches!(f.value, Trigger::Party(_) | Trigger::Destination(_) | Trigger::EndUse)
            || (f.value == Trigger::Payment && f.first == 0)
    }) {
        return false;
    }
    t.chars().any(|c| c.is_ascii_digit()) || t.contains(',') || !geo().places_in(t).is_empty() || words.len() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_sentence_stops_before_prose() {
        let v = "ООО «УралТехПром», г. Екатеринбург. Груз пойдёт через Стамбул, там партнёр переоформит документы.";
        assert_eq!(party_sentence(v), "ООО «УралТехПром», г. Екатеринбург");
        for v in ["Hasan Co. Ltd. Lahore", "Nordic AS, Oslo. Norway", "ACME GmbH, Hauptstr. 5, Berlin"] {
            assert_eq!(party_sentence(v), v);
        }
    }

    #[test]
    fn names_in_brackets_in_another_script() {
        assert_eq!(
            other_script_name("哈尔滨工业大学（Harbin Institute of Technology）"),
            Some("Harbin Institute of Technology")
        );
        assert_eq!(other_script_name("ООО «Сертал» (Sertal LLC)"), Some("Sertal LLC"));
        assert_eq!(other_script_name("Pakistan Atomic Energy Commission (PAEC)"), None);
        assert_eq!(other_script_name("常州联拓复合材料有限公司（CUC）"), None);
    }

    #[test]
    fn domain_country_of_sender() {
        assert_eq!(domain_country("ali@hasansci.com.pk").as_deref(), Some("PK"));
        assert_eq!(domain_country("x@example.co.uk").as_deref(), Some("GB"));
        assert_eq!(domain_country("x@startup.io"), None);
        assert_eq!(domain_country("x@example.com"), None);
    }
}
