//! Prose: parties, route, destination, end use, payment and delivery introduced by phrases in running text ("we
//! are buying for our customer X", "the goods will be shipped via Dubai"), and customers referred to but not
//! named.

use super::labels::{is_in, is_non_name, labels, truncate_at_char, Trigger};
use super::{push_unique, Parser, Party, MAX_DESCRIPTION};
use crate::geo::{geo, PlaceKind};
use crate::text::{self, Token};

impl<'a> Parser<'a> {
    /// Chinese prose, where a trigger stands inside unspaced text ("最终用户在伊朗德黑兰", "货物将转运至莫斯科"): a
    /// final destination (a priority-2 destination trigger, or an end-user trigger followed by a place and no
    /// company) is the first place after the trigger in the same clause.
    fn cjk_prose(&mut self) {
        let text = self.text;
        if !text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
            return;
        }
        let g = geo();
        for i in 0..self.lines.len() {
            let Some(&(s, e)) = self.lines.get(i) else { continue };
            let line = text.get(s..e).unwrap_or_default();
            if self.is_consumed(s) || !line.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
                continue;
            }
            for (ph, tr) in &labels().cjk_triggers {
                // "经香港转运至伊朗": a place written right after a route word is on the route ("经理" is no place).
                if *tr == Trigger::Via {
                    for (at, _) in line.match_indices(ph.as_str()) {
                        // A place name is short: a bounded look keeps a long line linear.
                        let rest = truncate_at_char(line.get(at + ph.len()..).unwrap_or_default(), 48);
                        if let Some(f) = g.places_in(rest).into_iter().next() {
                            if f.start == 0 && f.value.kind != PlaceKind::Adjective {
                                push_unique(&mut self.order.via, &f.value.code);
                            }
                        }
                    }
                    continue;
                }
                // "收货人为杭州云栖酒业贸易有限公司（…）", "最终用户是…有限公司": the company written right after a party
                // trigger (and "为"/"是", is) has the trigger's role.
                if let Trigger::Party(role) = tr {
                    if role != "vessel" && self.cjk_party(s, e, ph, role) {
                        continue;
                    }
                }
                let prio = match tr {
                    Trigger::Destination(p) => *p,
                    Trigger::Party(r) if r == "endUser" => 2,
                    _ => continue,
                };
                let Some(at) = line.find(ph.as_str()) else { continue };
                let rest = line.get(at + ph.len()..).unwrap_or_default();
                let clause = rest.split(['，', '。', '；', ',', ';']).next().unwrap_or_default();
                if matches!(tr, Trigger::Party(_)) && super::companies::names_company(clause) {
                    continue;
                }
                let Some(place) = g
                    .places_in(clause)
                    .into_iter()
                    .find(|f| f.value.kind != PlaceKind::Adjective)
                    .map(|f| f.value.code)
                else {
                    continue;
                };
                let better = self.pending.prose_destination.as_ref().is_none_or(|(p, _)| prio >= *p);
                if better {
                    self.pending.prose_destination = Some((prio, place));
                }
            }
        }
    }

    /// [`Parser::cjk_prose`]'s party: the first Chinese company (a name ending in its legal form) that stands right
    /// after trigger `ph` on line `s..e`, added with `role`; whether one was.
    fn cjk_party(&mut self, s: usize, e: usize, ph: &str, role: &str) -> bool {
        let text = self.text;
        let line = text.get(s..e).unwrap_or_default();
        for (at, _) in line.match_indices(ph) {
            let rest = line.get(at + ph.len()..).unwrap_or_default();
            let rest = rest.trim_start_matches(['为', '是', '：', ':', ' ']);
            let clause = rest.split(['，', '。', '；', ',', ';']).next().unwrap_or_default();
            let found = super::companies::cjk_company(clause).filter(|n| text::offset_in(clause, n) == Some(0));
            let Some(name) = found else { continue };
            let g = geo();
            let country = g.country_of(name).or_else(|| {
                g.places_in(clause).into_iter().find(|f| f.value.kind != PlaceKind::Adjective).map(|f| f.value.code)
            });
            self.add_party(Party {
                role: role.to_string(),
                name: name.to_string(),
                address: None,
                country,
                span: Some(text::slice_span(text, name)),
                descriptor: None,
                read_from: "prose".into(),
            });
            return true;
        }
        false
    }

    /// Turkish names where the goods go with the place in the dative and a verb of going or sending after it
    /// ("sonra Rusya'ya gidecek", "Tahran'a gönderilecek"): after "sonra"/"oradan" (then, from there) in the same
    /// sentence, the final destination.
    fn turkish_dative(&mut self) {
        let text = self.text;
        let toks = self.toks;
        let g = geo();
        for i in 0..toks.len() {
            let Some(f) = g.place_at(text, toks, i) else { continue };
            if f.value.kind == PlaceKind::Adjective {
                continue;
            }
            let Some(suffix) = toks.get(f.last) else { continue };
            if !matches!(text.get(f.end..suffix.start), Some("'" | "’")) || !DATIVE.contains(&suffix.norm.as_str()) {
                continue;
            }
            // "Mersin'den Karaçi'ye": the place the goods leave from, in the ablative just before, is on the route;
            // the verb may then stand after the means of transport ("deniz yoluyla sevk edilecek").
            let from = ablative_before(text, toks, i).filter(|c| *c != f.value.code);
            let reach = if from.is_some() { 4 } else { 3 };
            let verb = toks
                .get(f.last + 1..(f.last + reach).min(toks.len()))
                .is_some_and(|w| w.iter().any(|t| GOING.iter().any(|v| t.norm.starts_with(v))));
            if !verb || self.is_consumed(f.start) {
                continue;
            }
            if let Some(c) = &from {
                push_unique(&mut self.order.via, c);
            }
            let then = from.is_some()
                || toks.get(i.saturating_sub(6)..i).is_some_and(|w| {
                    w.iter().any(|t| matches!(t.norm.as_str(), "sonra" | "oradan" | "ardindan" | "nihai"))
                });
            let prio = if then { 2 } else { 1 };
            if self.pending.prose_destination.as_ref().is_none_or(|(p, _)| prio >= *p) {
                self.pending.prose_destination = Some((prio, f.value.code.clone()));
            }
        }
    }

    /// "malzeme Almaz-Antey'e gidecek, Moskova": a name (capitalised words that are no place) in the Turkish dative,
    /// with a verb of going or sending right after it, is where the goods go: the consignee, in the place written
    /// after the verb in the same clause.
    fn turkish_dative_party(&mut self) {
        let (text, toks) = (self.text, self.toks);
        let g = geo();
        for i in 1..toks.len() {
            let (Some(prev), Some(suffix)) = (toks.get(i - 1), toks.get(i)) else { continue };
            let joined = matches!(text.get(prev.end..suffix.start), Some("'" | "’"));
            if !joined || !DATIVE.contains(&suffix.norm.as_str()) || !capitalised(text, prev) {
                continue;
            }
            let Some(verb) = (i + 1..(i + 3).min(toks.len()))
                .find(|&k| toks.get(k).is_some_and(|t| GOING.iter().any(|v| t.norm.starts_with(v))))
            else {
                continue;
            };
            // The name: capitalised words joined by a space or a hyphen, back from the ending (five at most).
            let mut first = i - 1;
            while first > 0 && i - first < 5 {
                let (Some(a), Some(b)) = (toks.get(first - 1), toks.get(first)) else { break };
                if !capitalised(text, a) || !matches!(text.get(a.end..b.start), Some(" " | "-")) {
                    break;
                }
                first -= 1;
            }
            // A place in the dative is [`Parser::turkish_dative`]'s.
            if (first..i).any(|k| g.place_at(text, toks, k).is_some()) {
                continue;
            }
            let (Some(a), Some(z)) = (toks.get(first), toks.get(i - 1)) else { continue };
            let Some(name) = text.get(a.start..z.end) else { continue };
            if self.is_consumed(a.start) || is_non_name(name) || is_in(&labels().not_names, &a.norm) {
                continue;
            }
            // The clause after the verb, to a full stop or the end of the line.
            let mut end = verb + 1;
            while end < toks.len() && end < verb + 4 {
                let gap = match (toks.get(end - 1), toks.get(end)) {
                    (Some(x), Some(y)) => text.get(x.end..y.start).unwrap_or_default(),
                    _ => "",
                };
                if gap.contains(['.', '\n', ';']) {
                    break;
                }
                end += 1;
            }
            let country = place_after(text, toks, verb + 1, end, 3);
            self.add_party(Party {
                role: "consignee".into(),
                name: name.to_string(),
                address: None,
                country,
                span: Some(text::slice_span(text, name)),
                descriptor: Some(
                    "the goods go to this party (a name in the Turkish dative before a verb of going)".into(),
                ),
                read_from: "prose".into(),
            });
        }
    }

    pub(super) fn prose(&mut self) {
        self.cjk_prose();
        self.turkish_dative();
        self.turkish_dative_party();
        let text = self.text;
        let toks = self.toks;
        let trig = &labels().triggers;
        let sentences = text::sentences(text);
        let g = geo();
        for (s, e) in sentences {
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            let Some(stoks) = toks.get(a..b) else { continue };
            let sentence = text.get(s..e).unwrap_or_default();
            let consumed_sentence = self.is_consumed(s);
            // Payment words in the clause of a trigger (between commas): "ship via dubai to tehran pls, we pay
            // cash" routes the goods; "payment through our associate in Hong Kong" routes the money.
            let payment_clause = |at: usize| {
                let lo = sentence.get(..at.saturating_sub(s)).and_then(|x| x.rfind([',', ';'])).map_or(s, |p| s + p);
                let hi = sentence.get(at.saturating_sub(s)..).and_then(|x| x.find([',', ';'])).map_or(e, |p| at + p);
                stoks.iter().filter(|t| t.start >= lo && t.end <= hi).any(|t| {
                    ["pay", "payment", "paid", "cash", "remit", "remittance", "transfer", "funds", "money", "account"]
                        .contains(&t.norm.as_str())
                })
            };
            // The end of the last party trigger read: a shorter one inside it ("on behalf of" in "for and on behalf
            // of", which signs for the writer's company) is not read again.
            let mut party_until = 0;
            let found = trig.find_all(text, stoks);
            // "Notre huilerie, l'Huilerie Ben Salah, installée à Sfax, souhaite ...", "Our mill, X, ...": the
            // writer's own business, a possessive and one word set off by a comma before its name, as "We, X, ...".
            // A phrase read as a trigger ("our customer, X") is the trigger's.
            let own = !consumed_sentence
                && stoks.len() > 3
                && !found.iter().any(|f| f.first == 0 && matches!(f.value, Trigger::Party(_)))
                && stoks.first().is_some_and(|t| is_in(&labels().possessives, &t.norm))
                && stoks.get(1).is_some_and(|t| !capitalised(text, t) && t.norm.chars().all(char::is_alphabetic))
                && match (stoks.get(1), stoks.get(2)) {
                    (Some(x), Some(y)) => text.get(x.end..y.start).is_some_and(|g| g.trim() == ","),
                    _ => false,
                };
            if own {
                if let Some(p) = prose_party(text, toks, a + 2, b, "buyer") {
                    self.add_party(p);
                }
            }
            for f in found {
                let first = a + f.first;
                let after = a + f.last;
                match f.value {
                    Trigger::Party(role) => {
                        if self.is_consumed(f.start) || f.start < party_until {
                            continue;
                        }
                        party_until = f.end;
                        // "We, X, declare ...", "Nous, X, ...": a pronoun alone introduces a name only before a
                        // comma (not "WE" in a table row, not "we need").
                        let pronoun = f.last - f.first == 1
                            && toks.get(first).is_some_and(|t| PRONOUNS.contains(&t.norm.as_str()));
                        if pronoun {
                            let gap = match (toks.get(after - 1), toks.get(after)) {
                                (Some(x), Some(y)) => text.get(x.end..y.start).unwrap_or_default(),
                                _ => "",
                            };
                            if gap.trim() != "," {
                                continue;
                            }
                        }
                        if role == "vessel" {
                            let (bare, after_number) = super::vessel::bare_marker(text, toks, first, after);
                            if !after_number {
                                if let Some(p) = super::vessel::vessel_at(text, toks, after, b, bare) {
                                    self.add_party(p);
                                }
                            }
                            continue;
                        }
                        let role =
                            if self.end_user_statement && role == "buyer" { "endUser".to_string() } else { role };
                        match prose_party(text, toks, after, b, &role) {
                            Some(p) => self.add_party(p),
                            None => self.unnamed_party(toks, (f.start, first, after), b, &role),
                        }
                    }
                    Trigger::Via => {
                        // "payment through our associate in Hong Kong" is a payment route, not a shipping route
                        if payment_clause(f.start) {
                            continue;
                        }
                        // "Via dell'Industria 22", "Via Roma 12": an Italian or Spanish street, not a route.
                        let written = text.get(f.start..f.end).unwrap_or_default();
                        if written.starts_with("Via") || written.starts_with("Vía") {
                            let street = match g.place_at(text, toks, after) {
                                None => true,
                                Some(p) => toks.get(p.last).is_some_and(|t| t.norm.bytes().all(|c| c.is_ascii_digit())),
                            };
                            if street {
                                continue;
                            }
                        }
                        // "через 5 недель", "through 2026": a time, not a route.
                        if toks.get(after).is_some_and(|t| t.norm.bytes().all(|c| c.is_ascii_digit())) {
                            continue;
                        }
                        if let Some((place, mut at)) = route_place_at_after(text, toks, after, b, 5) {
                            // "via Dubai to Karachi": the first place is the route
                            push_unique(&mut self.order.via, &place);
                            // "über Polen und Belarus nach Bischkek": places joined by "and" are on the route too.
                            while toks.get(at).is_some_and(|t| AND.contains(&t.norm.as_str())) {
                                let Some(f) = g.place_at(text, toks, at + 1).filter(|_| at + 1 < b) else { break };
                                if f.value.kind == PlaceKind::Adjective {
                                    break;
                                }
                                push_unique(&mut self.order.via, &f.value.code);
                                at = f.last;
                            }
                            // "transhipped at Singapore to Bandar Abbas", "через Стамбул в Москву": the place right
                            // after the route names the final destination.
                            let to = toks.get(at).is_some_and(|t| ONWARD.contains(&t.norm.as_str()));
                            let next = to.then(|| route_place_at_after(text, toks, at + 1, b, 2)).flatten();
                            if let Some((next, _)) = next {
                                if !self.order.via.contains(&next)
                                    && self.pending.prose_destination.as_ref().is_none_or(|(p, _)| *p <= 2)
                                {
                                    self.pending.prose_destination = Some((2, next));
                                }
                            }
                        }
                    }
                    Trigger::Onward => {
                        // "la marchandise pourrait être livrée à son entrepôt, d'où nous l'acheminerions", "kargo
                        // istanbul'a, sonra biz gönderiyoruz": in a sentence about moving the goods, the last place
                        // named before they go on from there is on the route (the final destination is taken off
                        // the route at the end).
                        let moving = stoks.iter().any(|t| MOVING.iter().chain(GOING).any(|m| t.norm.starts_with(m)));
                        // "а оттуда наш клиент заберёт в Москву", "from there our client takes it on to Moscow": a
                        // place after a word that sends the goods on, in the words that follow, is where they end.
                        let onward = (after..(after + ONWARD_AHEAD).min(b)).find_map(|k| {
                            let to = toks.get(k).is_some_and(|t| ONWARD.contains(&t.norm.as_str()));
                            to.then(|| place_at_after(text, toks, k + 1, b, 1)).flatten()
                        });
                        let goes_on = onward.is_some();
                        if let Some((place, _)) = onward.filter(|_| !payment_clause(f.start)) {
                            if self.pending.prose_destination.as_ref().is_none_or(|(p, _)| *p <= 2) {
                                self.pending.prose_destination = Some((2, place));
                            }
                        }
                        if (moving || goes_on) && !payment_clause(f.start) {
                            // Looking back a bounded number of words keeps the cost linear in the text.
                            let last = (f.first.saturating_sub(ONWARD_REACH)..f.first).rev().find_map(|k| {
                                g.place_at(text, stoks, k)
                                    .filter(|p| p.value.kind != PlaceKind::Adjective && p.last <= f.first)
                            });
                            if let Some(p) = last {
                                push_unique(&mut self.order.via, &p.value.code);
                            }
                        }
                    }
                    Trigger::Destination(prio) => {
                        if let Some((place, at)) = route_place_at_after(text, toks, after, b, 6) {
                            // "send to my office in Dubai first, we move it": a stop on the way, not the end.
                            let first = (at..(at + 2).min(b))
                                .any(|k| toks.get(k).is_some_and(|t| FIRST.contains(&t.norm.as_str())));
                            if first {
                                super::push_unique(&mut self.order.via, &place);
                                continue;
                            }
                            // In a thread, an intermediary's "delivery to Dubai" is on the route; the customer of
                            // the order message says where the goods end.
                            if prio < 2 && self.in_other_message(f.start) {
                                super::push_unique(&mut self.order.via, &place);
                                continue;
                            }
                            let better = self.pending.prose_destination.as_ref().is_none_or(|(p, _)| prio >= *p);
                            if better {
                                self.pending.prose_destination = Some((prio, place));
                            }
                        }
                    }
                    Trigger::EndUse => {
                        if self.order.end_use.is_none() && !consumed_sentence {
                            self.order.end_use = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                    Trigger::Payment => {
                        if self.order.payment.is_none() && !consumed_sentence {
                            self.order.payment = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                    Trigger::Delivery => {
                        if self.order.delivery.is_none() && !consumed_sentence {
                            self.order.delivery = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                }
                let _ = first;
            }
            self.route_from(stoks);
            let _ = g;
        }
    }

    /// "Товар будет отправлен из Бишкека в Москву", "livraison par camion depuis Beyrouth": in a sentence about
    /// moving the goods, the place they leave from is on the route, and the place they go on to ("в Москву") is
    /// the final destination.
    fn route_from(&mut self, stoks: &[Token]) {
        let text = self.text;
        let moving = stoks.iter().any(|t| MOVING.iter().any(|m| t.norm.starts_with(m)));
        if !moving {
            return;
        }
        let g = geo();
        for (k, t) in stoks.iter().enumerate() {
            // "durch unseren Spediteur nach Peking bringen", "acheminé vers Damas": a place after a word of direction
            // is where the goods go (a low priority: a party's country or a stated destination says more).
            if TOWARD.contains(&t.norm.as_str()) {
                let place = g.place_at(text, stoks, k + 1).filter(|f| f.value.kind != PlaceKind::Adjective);
                if let Some(f) = place {
                    if self.pending.prose_destination.is_none() {
                        self.pending.prose_destination = Some((1, f.value.code));
                    }
                }
                continue;
            }
            if !FROM.contains(&t.norm.as_str()) {
                continue;
            }
            let Some(f) = g.place_at(text, stoks, k + 1).filter(|f| f.value.kind != PlaceKind::Adjective) else {
                continue;
            };
            push_unique(&mut self.order.via, &f.value.code);
            let to = stoks.get(f.last).is_some_and(|t| ONWARD.contains(&t.norm.as_str()));
            let next = to.then(|| place_after(text, stoks, f.last + 1, stoks.len(), 2)).flatten();
            if let Some(next) = next.filter(|n| *n != f.value.code) {
                if self.pending.prose_destination.as_ref().is_none_or(|(p, _)| *p <= 2) {
                    self.pending.prose_destination = Some((2, next));
                }
            }
        }
    }

    /// "Ship to our customer in Pakistan", "on behalf of our client in Iran": a customer or end user referred to
    /// but not named. Kept as an `unnamedEndUser` field (a red flag when no end user is named anywhere) and, with
    /// the place it is in, as the final destination.
    pub(super) fn unnamed_party(&mut self, toks: &[Token], trigger: (usize, usize, usize), end: usize, role: &str) {
        const NOUNS: &[&str] = &[
            "customer",
            "customers",
            "client",
            "clients",
            "user",
            "users",
            "consignee",
            "buyer",
            "purchaser",
            "kunde",
            "kunden",
            "kundin",
            "cliente",
            "clientes",
            "клиент",
            "клиента",
            "заказчик",
            "заказчика",
            "musteri",
            "musterimiz",
            "musterimize",
            "musterimizin",
            "musterimizdir",
            "kullanici",
        ];
        const FOLLOW: &[&str] = &[
            "in", "at", "from", "based", "located", "situated", "who", "whose", "which", "s", "has", "have", "needs",
            "need", "wants", "requires", "en", "au", "aux", "à", "a", "im", "aus", "в", "из",
        ];
        let (start, first, after) = trigger;
        // "our partner in Tabriz": a partner the goods are for, not named; where it is, a destination (low priority).
        if role == "party" {
            let partner = toks.get(first..after).is_some_and(|ts| ts.iter().any(|t| t.norm.starts_with("partner")));
            let at = (after..(after + 4).min(end))
                .find(|&j| toks.get(j).is_some_and(|t| ["in", "at", "en", "im", "в"].contains(&t.norm.as_str())));
            if let (true, Some(j)) = (partner, at) {
                if let Some(c) = place_after(self.text, toks, j + 1, end, 3) {
                    if self.pending.prose_destination.is_none() {
                        self.pending.prose_destination = Some((1, c));
                    }
                }
            }
            return;
        }
        if role != "endUser" && role != "consignee" {
            return;
        }
        let v = labels();
        let mut noun = toks.get(first..after).is_some_and(|ts| ts.iter().any(|t| NOUNS.contains(&t.norm.as_str())));
        let mut j = after;
        while j < end && j < after + 5 {
            let Some(t) = toks.get(j) else { break };
            if FOLLOW.contains(&t.norm.as_str()) || !is_in(&v.pre_name, &t.norm) {
                break;
            }
            noun |= NOUNS.contains(&t.norm.as_str());
            j += 1;
        }
        let text = self.text;
        // "our customer in Tehran", and "müşteri Tahran'da" (a place right after the noun)
        let located = locative_before(text, toks, first);
        let follows = j >= end
            || toks.get(j).is_some_and(|t| FOLLOW.contains(&t.norm.as_str()))
            || geo().place_at(text, toks, j).is_some()
            || located.is_some();
        if !noun || !follows {
            return;
        }
        let country = located.or_else(|| place_after(text, toks, j, end, 6));
        let stop = toks.get(end.saturating_sub(1)).map(|t| t.end).unwrap_or(start).max(start);
        let Some(value) = text.get(start..stop) else { return };
        let value = truncate_at_char(value, 160);
        let sentence_start = toks.get(first).map(|t| t.start).unwrap_or(start);
        let seen = self.order.fields.iter().any(|f| {
            f.key == "unnamedEndUser"
                && f.span.as_ref().and_then(|s| s.end).is_some_and(|e| e > sentence_start)
                && f.span.as_ref().and_then(|s| s.start).is_some_and(|s| s <= stop)
        });
        if seen {
            return;
        }
        let label =
            text.get(start..toks.get(after.saturating_sub(1)).map(|t| t.end).unwrap_or(start)).unwrap_or_default();
        self.push_field("unnamedEndUser", label, value);
        if let Some(c) = country {
            let better = self.pending.prose_destination.as_ref().is_none_or(|(p, _)| 2 > *p);
            if better {
                self.pending.prose_destination = Some((2, c));
            }
        }
    }
}

/// Turkish locative endings written after an apostrophe ("Rusya'daki müşterimiz": our customer in Russia).
const LOCATIVE: &[&str] = &["da", "de", "ta", "te", "daki", "deki", "taki", "teki"];

/// Turkish dative endings after an apostrophe ("Rusya'ya", "Tahran'a", "İran'a"), folded.
const DATIVE: &[&str] = &["ya", "ye", "a", "e", "na", "ne"];

/// How many words before "from there" (and its kind) the place the goods go on from may stand.
const ONWARD_REACH: usize = 40;

/// How many words after "from there" the place the goods go on to may stand ("оттуда наш клиент заберёт в Москву").
const ONWARD_AHEAD: usize = 8;

/// Turkish verbs of going and sending (folded stems): gidecek, gönderilecek, sevk edilecek, ihraç, taşınacak.
const GOING: &[&str] = &["gid", "gonder", "sevk", "ihrac", "tasin", "ulas", "aktar"];

/// Words of direction before the place goods are moved to, in a sentence about moving them ("nach Peking bringen",
/// "acheminé vers Damas", "enviado hacia Caracas"), folded: German "nach" with a place name, French "vers", Spanish
/// "hacia", Italian "verso" (Duden s.v. "nach" 1a; Grevisse, Le Bon usage, § 1073 "vers"; RAE, DLE s.v. "hacia";
/// Treccani s.v. "verso").
const TOWARD: &[&str] = &["nach", "vers", "hacia", "verso"];

/// Words that make the place just before them a first stop ("send to Dubai first", "zuerst nach Almaty", "d'abord
/// à Beyrouth"), folded (Collins English-German, English-French, English-Spanish dictionaries, s.v. "first"
/// (adverb); Ozhegov s.v. "сначала").
const FIRST: &[&str] = &["first", "firstly", "zuerst", "abord", "primero", "сначала"];

/// Words that say where goods leave from ("из Бишкека", "depuis Beyrouth"), folded.
const FROM: &[&str] = &["from", "von", "depuis", "desde", "из"];

/// Stems of words about moving goods (folded): ship, deliver, transport, livraison, envío, Lieferung, доставка,
/// отправлен, отгрузка.
pub(super) const MOVING: &[&str] = &[
    "ship",
    "deliver",
    "dispatch",
    "transport",
    "truck",
    "bring",
    "livr",
    "expedi",
    "achemin",
    "camion",
    "envi",
    "entreg",
    "embarq",
    "liefer",
    "versand",
    "versend",
    "lkw",
    "доставк",
    "отправ",
    "отгруз",
    "перевоз",
    "автотранспорт",
];

/// Turkish ablative endings after an apostrophe ("Mersin'den", "İstanbul'dan"), folded.
const ABLATIVE: &[&str] = &["dan", "den", "tan", "ten", "ndan", "nden"];

/// Words that join two places of a route ("über Polen und Belarus"), folded.
const AND: &[&str] = &["and", "und", "et", "y", "e", "и", "ve"];

/// The place written just before token `at` (a place) with a Turkish ablative ending ("Mersin'den Karaçi'ye").
fn ablative_before(text: &str, toks: &[Token], at: usize) -> Option<String> {
    place_with_ending(text, toks, at, ABLATIVE)
}

/// The place written just before token `at` with a Turkish locative ending ("Rusya'daki müşterimize", and with the
/// article "bir" between: "Karaçi'deki bir müşterimiz").
fn locative_before(text: &str, toks: &[Token], at: usize) -> Option<String> {
    let at = if at > 0 && toks.get(at - 1).is_some_and(|t| t.norm == "bir") { at - 1 } else { at };
    place_with_ending(text, toks, at, LOCATIVE)
}

/// The place ending just before token `at`, whose token `at - 1` is one of `endings` joined to it by an apostrophe
/// ("Mersin'den", "Rusya'daki").
fn place_with_ending(text: &str, toks: &[Token], at: usize, endings: &[&str]) -> Option<String> {
    let suffix = toks.get(at.checked_sub(1)?)?;
    if !endings.contains(&suffix.norm.as_str()) {
        return None;
    }
    (at.saturating_sub(4)..at - 1).find_map(|i| {
        let f = geo().place_at(text, toks, i)?;
        let apostrophe =
            toks.get(f.last).filter(|s| s.start == suffix.start).and_then(|_| text.get(f.end..suffix.start));
        (f.value.kind != PlaceKind::Adjective && matches!(apostrophe, Some("'" | "’"))).then_some(f.value.code)
    })
}

/// Pronouns that introduce the writer's own name ("We, Clinique Al Amal SARL, declare ...").
const PRONOUNS: &[&str] = &["we", "nous", "nosotros", "wir", "мы", "biz"];

pub(super) fn capitalised(text: &str, t: &Token) -> bool {
    text.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

pub(super) fn is_abbrev_word(w: &str) -> bool {
    ["co", "ltd", "pvt", "inc", "corp", "s", "no", "bros", "mfg", "intl", "st"].contains(&w)
}

/// The party a prose trigger introduces: "our customer Pakistan Atomic Energy Commission (PAEC), a nuclear power
/// station in Chashma".
pub(super) fn prose_party(text: &str, toks: &[Token], from: usize, end: usize, role: &str) -> Option<Party> {
    let v = labels();
    let mut j = from;
    let mut descriptor: Vec<&str> = Vec::new();
    let mut located: Option<String> = None;
    while j < end {
        let t = toks.get(j)?;
        // "Kazan'daki OOO Tatprom": a place with a Turkish locative ending describes the party
        if let Some(f) = geo().place_at(text, toks, j) {
            let suffix = toks.get(f.last).filter(|s| LOCATIVE.contains(&s.norm.as_str()));
            if let Some(sx) = suffix.filter(|s| matches!(text.get(f.end..s.start), Some("'" | "’"))) {
                descriptor.push(text.get(f.start..sx.end).unwrap_or_default());
                located = Some(f.value.code.clone()).filter(|_| f.value.kind != PlaceKind::Adjective);
                j = f.last + 1;
                continue;
            }
        }
        if capitalised(text, t) && !(t.norm == "m" || is_in(&v.not_names, &t.norm) && !is_in(&v.pre_name, &t.norm)) {
            break;
        }
        if t.norm == "m" && capitalised(text, t) {
            break;
        }
        if !is_in(&v.pre_name, &t.norm) {
            // "for delivery to the resort at Coral Cove Resort Ltd.": lower-case words before "at" say what the
            // party is.
            let at = (j + 1..(j + 4).min(end)).find(|&k| toks.get(k).is_some_and(|x| x.norm == "at"))?;
            if (j..at).any(|m| toks.get(m).is_none_or(|x| capitalised(text, x))) {
                return None;
            }
            let (Some(a), Some(b)) = (toks.get(j), toks.get(at)) else { return None };
            descriptor.push(text.get(a.start..b.end).unwrap_or_default());
            j = at + 1;
            continue;
        }
        descriptor.push(text.get(t.start..t.end).unwrap_or_default());
        j += 1;
        if descriptor.len() > 6 {
            return None;
        }
    }
    let first = toks.get(j).filter(|_| j < end)?;
    if is_in(&v.not_names, &first.norm) || !capitalised(text, first) {
        return None;
    }
    let mut last = j;
    let mut k = j + 1;
    let mut paren = false;
    while k < end && k - j < 14 {
        let (Some(prev), Some(t)) = (toks.get(k - 1), toks.get(k)) else { break };
        let gap = text.get(prev.end..t.start).unwrap_or_default();
        if gap.contains(['\n', ';', ':', '!', '?', '"']) {
            break;
        }
        // An apostrophe inside a word ("Xi'an", "O'Neill", "D'Amico"): the word goes on, whatever its case.
        if matches!(gap, "'" | "’") && k > j && !LOCATIVE.contains(&t.norm.as_str()) {
            last = k;
            k += 1;
            continue;
        }
        if gap.contains(')') {
            paren = false;
        }
        if gap.contains('(') {
            paren = true;
            last = k;
            k += 1;
            continue;
        }
        if paren {
            last = k;
            k += 1;
            continue;
        }
        if gap.contains(',') {
            if is_in(&v.legal_words, &t.norm) && capitalised(text, t) && t.norm != "a" && t.norm != "and" {
                last = k;
                k += 1;
                continue;
            }
            break;
        }
        // "Sp. z o.o.", "s.r.o.": the words of a legal form go on together, whatever their case.
        if k > j
            && is_in(&v.legal_words, &t.norm)
            && is_in(&v.legal_words, &prev.norm)
            && !matches!(t.norm.as_str(), "a" | "and")
            && joins_form(gap)
        {
            last = k;
            k += 1;
            continue;
        }
        if gap.contains('.') && !(is_abbrev_word(&prev.norm) || prev.norm.len() == 1) {
            break;
        }
        if capitalised(text, t) || gap.contains('&') {
            if is_in(&v.not_names, &t.norm) && !is_in(&v.legal_words, &t.norm) {
                break;
            }
            last = k;
            k += 1;
            continue;
        }
        // "Flores de la Sabana", "Centre d'Études et de Recherches": up to three lower-case connectors (or an
        // elided "d'", "l'") between capitalised words of one name.
        let mut m = k;
        while m < end
            && m < k + 3
            && toks.get(m).is_some_and(|x| is_in(&v.connectors, &x.norm) || elided(text, toks, m))
        {
            m += 1;
        }
        let joined = (k..m).all(|x| match (toks.get(x.saturating_sub(1)), toks.get(x)) {
            (Some(p), Some(t)) => text.get(p.end..t.start).is_some_and(|g| g == " " || g == "'" || g == "’"),
            _ => false,
        });
        if m > k && m < end && joined && toks.get(m).is_some_and(|n| capitalised(text, n)) {
            k = m;
            continue;
        }
        break;
    }
    let last_tok = toks.get(last)?;
    let mut name_end = last_tok.end;
    // include a closing bracket or a final abbreviation dot
    if let Some(rest) = text.get(name_end..) {
        if paren || rest.starts_with(')') {
            if let Some(p) = rest.find(')').filter(|p| *p < 40) {
                name_end += p + 1;
            }
        } else if rest.starts_with('.') && is_abbrev_word(&last_tok.norm) {
            name_end += 1;
        }
    }
    // "ООО «Кондитерская фабрика Северное сияние»": a name opened by a quotation mark runs to the mark that closes
    // it, whatever the case of its words, within its line.
    let opened = text.get(first.start..name_end).unwrap_or_default();
    for (open, close) in [('«', '»'), ('„', '“')] {
        if opened.contains(open) && !opened.contains(close) {
            let rest = truncate_at_char(text.get(name_end..).unwrap_or_default(), 120);
            if let Some(p) = rest.find(close).filter(|&p| !rest.get(..p).unwrap_or_default().contains('\n')) {
                name_end += p + close.len_utf8();
            }
        }
    }
    let name = text.get(first.start..name_end)?.trim();
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 || is_non_name(name) {
        return None;
    }
    let g = geo();
    // A place alone ("ship to Dubai") is a destination, not a party.
    let places = g.places_in(name);
    if places.len() == 1 && places.first().is_some_and(|p| p.start == 0 && p.end == name.len()) {
        return None;
    }
    // Appositive and place after the name: ", a nuclear power station in Chashma".
    let after_idx = toks.partition_point(|t| t.start < name_end);
    let window_end = (after_idx + 14).min(end);
    let tail_end = toks.get(window_end.saturating_sub(1)).map(|t| t.end).unwrap_or(name_end).max(name_end);
    let tail = text.get(name_end..tail_end).unwrap_or_default();
    let mut after_desc = None;
    let t2 = tail.trim_start_matches([',', ' ']);
    let fw = text::words(t2);
    if tail.trim_start().starts_with(',')
        && fw.first().is_some_and(|w| ["a", "an", "the", "which", "located", "based", "who"].contains(&w.as_str()))
    {
        let stop = t2.find([',', '.', ';', '\n']).unwrap_or(t2.len());
        after_desc = t2.get(..stop).map(|s| s.trim().to_string());
    }
    let country = address_country(text.get(name_end..).unwrap_or_default())
        .or_else(|| place_after(text, toks, after_idx, window_end, 12))
        .or_else(|| g.country_of(name))
        .or(located);
    let mut desc: Vec<String> = Vec::new();
    if !descriptor.is_empty() {
        desc.push(descriptor.join(" "));
    }
    if let Some(a) = after_desc {
        desc.push(a);
    }
    Some(Party {
        role: role.to_string(),
        name: name.to_string(),
        address: None,
        country,
        span: Some(text::slice_span(text, name)),
        descriptor: (!desc.is_empty()).then(|| desc.join("; ")),
        read_from: "prose".into(),
    })
}

/// Token `i` is an elided French article or preposition ("d'Études", "l'Institut"): "d" or "l" and an apostrophe.
fn elided(text: &str, toks: &[Token], i: usize) -> bool {
    let (Some(t), Some(n)) = (toks.get(i), toks.get(i + 1)) else { return false };
    matches!(t.norm.as_str(), "d" | "l") && matches!(text.get(t.end..n.start), Some("'" | "’"))
}

/// The country of the address written right after a name, in the text `rest` that follows it: the comma-separated
/// parts that open with a capital or a digit, up to the first that does not ("…, Madrid, Cundinamarca, via
/// Cartagena": "Madrid, Cundinamarca"), read as an address ([`crate::geo::Geo::country_of`]: a country or a region
/// written after a city wins over it, so a city name several countries share is placed by what follows it).
/// `None` when no comma follows the name or the parts name no place.
pub(super) fn address_country(rest: &str) -> Option<String> {
    let rest = truncate_at_char(rest, 200);
    let rest = rest.split(['\n', ';', '(', ':']).next().unwrap_or_default();
    let mut parts = rest.split(',');
    if !parts.next().is_some_and(|p| p.trim().is_empty()) {
        return None;
    }
    let mut end = 0;
    let mut kept: Vec<&str> = Vec::new();
    for p in parts {
        let t = p.trim();
        if !t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            break;
        }
        // A sentence ends inside the part: "Monterrey. Please ..." keeps "Monterrey".
        let t = t.split(". ").next().unwrap_or(t);
        kept.push(t);
        end += 1;
        if end >= 5 {
            break;
        }
    }
    geo().country_of(&kept.join(", "))
}

/// Whether a gap may stand between two words of a legal form ("Sp. z o.o.": a dot and a space at most).
fn joins_form(gap: &str) -> bool {
    gap.len() <= 2 && gap.chars().all(|c| c == '.' || c == ' ')
}

/// The first place (country or city) within `window` tokens from `from`, not past `end`.
/// Words that send the goods on from a route's place to the next one ("via Dubai to Karachi", "через Стамбул в
/// Москву", "über Istanbul nach Moskau"), folded.
const ONWARD: &[&str] = &["to", "for", "into", "nach", "a", "vers", "pour", "в", "во", "до", "hacia"];

/// [`place_after`], with the token after the place.
fn place_at_after(text: &str, toks: &[Token], from: usize, end: usize, window: usize) -> Option<(String, usize)> {
    let g = geo();
    let stop = (from + window).min(end);
    let mut i = from;
    while i < stop {
        if let Some(f) = g.place_at(text, toks, i) {
            if f.value.kind != PlaceKind::Adjective {
                return Some((f.value.code, f.last));
            }
            i = f.last;
            continue;
        }
        i += 1;
    }
    None
}

/// [`place_at_after`] after a route word, where a chat may write the place in lower case ("ship via dubai to
/// tehran"): a word in lower case is read as the place its capitalised form names, unless the place name is also an
/// ordinary word (`lower_case_not_places` in `src/data/labels.toml`). At most three words are capitalised per
/// position, so the cost stays linear.
fn route_place_at_after(text: &str, toks: &[Token], from: usize, end: usize, window: usize) -> Option<(String, usize)> {
    if let Some(found) = place_at_after(text, toks, from, end, window) {
        return Some(found);
    }
    let g = geo();
    let v = labels();
    let stop = (from + window).min(end);
    for i in from..stop {
        let Some(t) = toks.get(i) else { break };
        let w = text.get(t.start..t.end).unwrap_or_default();
        if w.chars().count() < 3 || !w.chars().all(char::is_lowercase) || is_in(&v.lower_case_not_places, &t.norm) {
            continue;
        }
        let last = (i + 3).min(end).min(toks.len());
        let Some(span_end) = toks.get(last.saturating_sub(1)).map(|x| x.end) else { continue };
        let Some(slice) = text.get(t.start..span_end) else { continue };
        let cap = text::title_case(slice);
        let ctoks = text::tokens(&cap);
        if let Some(f) = g.place_at(&cap, &ctoks, 0) {
            if f.value.kind != PlaceKind::Adjective {
                return Some((f.value.code, i + f.last));
            }
        }
    }
    None
}

pub(super) fn place_after(text: &str, toks: &[Token], from: usize, end: usize, window: usize) -> Option<String> {
    place_at_after(text, toks, from, end, window).map(|(code, _)| code)
}
