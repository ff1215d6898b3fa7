//! The writer's own premises named where the goods go: "ship everything by sea to Tema, addressed to the school at
//! P.O. Box KS 1120, Kumasi, Ghana" (signed "Headmistress, Asante Hills Senior High School"), "an unser Lager in der
//! Industriezone 8, 39028 Schlanders (BZ), Italien, geliefert" (signed by the Obstgenossenschaft). The sentence
//! says where the party is: a party read without a country (from a signature, a letterhead, prose) takes the
//! country the sentence names after the premises.

use super::labels::{is_in, labels};
use super::prose::MOVING;
use super::Parser;
use crate::geo::geo;
use crate::text;

impl Parser<'_> {
    pub(super) fn premises(&mut self) {
        let needs = |role: &str, country: &Option<String>| {
            country.is_none() && matches!(role, "buyer" | "endUser" | "consignee" | "party")
        };
        if !self.order.parties.iter().any(|p| needs(&p.role, &p.country)) {
            return;
        }
        let (text, toks) = (self.text, self.toks);
        let v = labels();
        for (s, e) in text::sentences(text) {
            if self.in_other_message(s) || self.is_consumed(s) {
                continue;
            }
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            let Some(stoks) = toks.get(a..b) else { continue };
            // A stem inside a word too: "geliefert", "Teillieferungen", "réexpédié".
            if !stoks.iter().any(|t| MOVING.iter().any(|m| t.norm.contains(m))) {
                continue;
            }
            for (k, pair) in stoks.windows(2).enumerate() {
                let (Some(w), Some(n)) = (pair.first(), pair.get(1)) else { continue };
                // "our warehouse", "unser Lager", "notre entrepôt": the writer's own, the buyer (or the party
                // writing when no buyer was read).
                let own = is_in(&v.possessives, &w.norm) && is_in(&v.premises, &n.norm);
                // "the school": the party whose name holds the word.
                let named = is_in(&v.articles, &w.norm) && n.norm.chars().count() >= 4;
                // "ship from our warehouse in Hamburg": the seller's premises, where the goods leave from.
                let from = k > 0 && stoks.get(k - 1).is_some_and(|t| is_in(&v.leaving_from, &t.norm));
                if (!own && !named) || from {
                    continue;
                }
                let whose = |name: &str, role: &str| {
                    if own {
                        role == "buyer"
                    } else {
                        text::words(name).contains(&n.norm)
                    }
                };
                if !self.order.parties.iter().any(|p| needs(&p.role, &p.country) && whose(&p.name, &p.role)) {
                    continue;
                }
                // The premises' address runs to the end of its clause ("à notre usine de Moscou ; l'acheminement se
                // fera via Istanbul": the route is another clause).
                let after = stoks.get(k + 1).map_or(e, |t| t.end);
                let clause = text.get(after..e).unwrap_or_default();
                let clause = clause.split([';', '；']).next().unwrap_or_default();
                let Some(country) = geo().country_of(clause) else { continue };
                for p in self.order.parties.iter_mut() {
                    if needs(&p.role, &p.country) && whose(&p.name, &p.role) {
                        p.country = Some(country.clone());
                    }
                }
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    fn country_of(text: &str, name: &str) -> Option<String> {
        let o = parse(text);
        let p = o.parties.iter().find(|p| p.name.contains(name));
        p.unwrap_or_else(|| panic!("no party {name}: {:?}", o.parties)).country.clone()
    }

    #[test]
    fn own_premises_in_the_delivery_sentence_place_the_writer() {
        let school = "Dear Sir,\n\nWe wish to purchase twenty projectors. Please ship them to Tema, addressed to the \
                      school at P.O. Box 1120, Kumasi, Ghana.\n\nYours faithfully,\n\nMrs. Abena Owusu\nHeadmistress, \
                      Asante Hills Senior High School\n";
        assert_eq!(country_of(school, "Asante Hills").as_deref(), Some("GH"));
        let lager = "Sehr geehrter Herr Baumann,\n\nwir bestellen 4.500 Großkisten. Die Ware soll an unser Lager in \
                     der Industriezone 8, 39028 Schlanders, Italien, geliefert werden.\n\nMit freundlichen Grüßen\n\n\
                     Franz Gamper\nObmann, Obstgenossenschaft Vinschgau-Süd\n";
        assert_eq!(country_of(lager, "Vinschgau").as_deref(), Some("IT"));
        let usine = "Madame, Monsieur,\n\nNous commandons 40 palettes. Merci de livrer à notre usine, zone \
                     industrielle, Sfax, Tunisie.\n\nCordialement,\n\nSami Trabelsi\nDirecteur, Atelier Trabelsi SARL\n";
        assert_eq!(country_of(usine, "Atelier Trabelsi").as_deref(), Some("TN"));
        // The route in the next clause is not where the premises are.
        let route = "Bonjour,\n\nNous confirmons la commande de 3 pompes. Les marchandises sont destinées à notre \
                     usine de Moscou ; l'acheminement se fera via Istanbul.\n\nBien à vous,\nSergueï Lebedev\n\
                     Directeur achats, TechnoVak OOO\n";
        assert_eq!(country_of(route, "TechnoVak").as_deref(), Some("RU"));
        // A sentence that moves no goods says nothing about where the writer is.
        let visit =
            "Dear Sir,\n\nWe need 20 projectors. Our school will visit the fair in Accra, Ghana.\n\nRegards,\n\n\
                     Mrs. Abena Owusu\nHeadmistress, Asante Hills Senior High School\n";
        assert_eq!(country_of(visit, "Asante Hills"), None);
    }
}
