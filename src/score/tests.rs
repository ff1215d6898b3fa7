//! Unit tests of the scorer (`src/score/mod.rs`).

use super::*;
use crate::normalize::normalize;

fn s(a: &str, b: &str) -> f64 {
    let (na, nb) = (normalize(a), normalize(b));
    let (wa, wb) = (weigh(&na, prior_weight), weigh(&nb, prior_weight));
    score_names(crate::index::content_hash(&na), &wa, crate::index::content_hash(&nb), &wb).score
}

#[test]
fn score_exact_is_one() {
    assert_eq!(s("Hassan Scientific Corporation", "HASSAN SCIENTIFIC CORP."), 1.0);
}

#[test]
fn score_typo_and_legal_form() {
    assert!(s("M/s Hasan Scientific Corp", "Hassan Scientific Corporation") > 0.85);
    assert!(s("Hassan Scientfic Co Ltd", "Hassan Scientific Corporation") > 0.85);
}

#[test]
fn score_acronym_both_ways() {
    assert!(s("PAEC", "Pakistan Atomic Energy Commission") > 0.85);
    assert!(s("Pakistan Atomic Energy Commission", "PAEC") > 0.85);
}

#[test]
fn score_acronym_spelling_the_legal_form() {
    let t = |a: &str, b: &str| {
        let (na, nb) = (normalize(a), normalize(b));
        let (wa, wb) = (weigh(&na, prior_weight), weigh(&nb, prior_weight));
        let tails = (na.legal_tail.as_str(), nb.legal_tail.as_str());
        score_tokens_tails(&wa, &wb, tails, &mut Memo::default()).score
    };
    let smic = "Semiconductor Manufacturing International Corporation";
    assert!(t("SMIC", smic) > 0.85, "{}", t("SMIC", smic));
    assert!(t(smic, "SMIC") > 0.85);
    assert!(t("RNCB", "Russian National Commercial Bank") > 0.85);
    // Without the legal form's letters at hand, or with another last letter: no acronym.
    assert!(s("SMIC", smic) < 0.8);
    assert!(t("SMIB", smic) < 0.8);
    // The legal form's letters follow the name's last word only.
    assert!(t("CSMI", smic) < 0.8);
}

#[test]
fn score_one_short_word_spelt_otherwise_is_held() {
    // The listed name's one distinctive word, short and a letter away: another name.
    assert!(s("Alcon Inc.", "OOO Alkon") <= ONE_WORD_CAP);
    assert!(s("Nike, Inc.", "LLC Nikea") <= ONE_WORD_CAP);
    assert!(s("Tetra Tech Inc", "JSC Terra Tech") <= ONE_WORD_CAP);
    // One word spelt otherwise: a doubled letter, a swap past the first letter, one spelling key; or a long word.
    assert!(s("Higonn", "Higon") >= 0.8);
    assert!(s("Mhaan Airways", "Mahan Airways") >= 0.8);
    assert!(s("Drujba OJSC", "Druzhba AO") >= 0.8);
    assert!(s("Rosoboronexpotr", "Rosoboronexport") >= 0.8);
    assert!(s("Lear Corp", "Elar") < 0.8);
}

#[test]
fn score_joined_run_is_not_a_longer_word() {
    assert!(s("Xiaohong MA", "MA, Xiaohong") >= 0.95, "{}", s("Xiaohong MA", "MA, Xiaohong"));
}

#[test]
fn score_two_approximate_words_are_held() {
    assert!(s("Florian Hermans", "Florez Hermanos") <= ONE_WORD_CAP);
    assert!(s("Sanya Babu", "BABA, Samiya") <= ONE_WORD_CAP);
    // One of them spelt with the same key is a transliteration.
    assert!(s("Emad Hamsho", "Imad Hemasho") >= 0.8, "{}", s("Emad Hamsho", "Imad Hemasho"));
    // Three approximate words are unlikely by chance.
    assert!(s("Uladzimir Uladzimiravich Navumau", "Vladimir Vladimirovich Navamau") >= 0.8);
}

#[test]
fn score_one_short_word_beside_listed_words_is_held() {
    assert!(s("IBEX Ltd", "IBEX SHIPPING INC") <= ONE_WORD_CAP);
    assert!(s("IAC Inc.", "IAC INTERNATIONAL INC") <= ONE_WORD_CAP);
    // A longer word, or a listed short form the query extends, still carries the match.
    assert!(s("Huawei Ltd", "Huawei Technologies Co., Ltd.") >= 0.8);
    assert!(s("Shenzhen DJI Technology Co., Ltd.", "DJI") >= 0.8);
}

#[test]
fn score_joined_tokens() {
    assert!(s("Beijing Luoluo Technology Development", "Beijing Luo Luo Technology Development Co., Limited") > 0.9);
}

#[test]
fn score_generic_only_is_capped() {
    assert!(s("Jinan International Trading Company", "Jinan Technology Trading Co") <= GENERIC_ONLY_CAP);
}

#[test]
fn score_numbers_are_hard_evidence() {
    assert!(s("140 Repair Plant", "141 Repair Plant") < 0.8);
}

#[test]
fn score_unrelated_is_low() {
    assert!(s("Siemens Healthineers", "Hassan Scientific Corporation") < 0.3);
    assert!(s("Jinan Metal Forming Machinery", "National Supercomputing Center Jinan") < 0.5);
}

#[test]
fn score_initials_of_given_names() {
    assert!(s("A.Q. Khan", "Abdul Qadeer Khan") >= 0.8);
    assert!(s("A. Khan", "Abdul Qadeer Khan") < 0.8);
    assert!(s("M Invest", "Mega Invest") <= GENERIC_ONLY_CAP);
}

#[test]
fn weigh_prior_person_words_weigh_fully() {
    let n = normalize("Li Hong");
    assert!(weigh_prior(&n, false)[1].weight <= GENERIC_WEIGHT);
    assert_eq!(weigh_prior(&n, true)[1].weight, DEFAULT_WEIGHT);
    assert!(!weigh_prior(&n, true)[1].generic);
}

#[test]
fn score_places_that_disagree() {
    assert!(s("Hasan Scientific Corp, Lahore", "Hassan Scientific Corporation") >= 0.8);
    assert!(s("Huawei Chile", "Huawei Switzerland") < 0.8);
}

#[test]
fn score_generic_only_needs_close_words() {
    assert!(s("Business World", "Business Worldwide") <= GENERIC_ONLY_CAP);
}

#[test]
fn score_numbers_that_disagree_are_held_below() {
    assert!(s("Unit 190 Quds Force", "Unit 6000 Quds Force") <= NUMBER_MISMATCH_CAP);
    assert!(s("Marie de Lourdes I", "Marie de Lourdes V") <= NUMBER_MISMATCH_CAP);
    assert!(s("Explorer Lng Tc III", "Explorer Lng Tc 3") >= 0.9);
    assert!(s("Second Machine Plant", "2nd Machine Plant") >= 0.9);
}

#[test]
fn explain_names_the_key_or_symbol() {
    let (na, nb) = (normalize("Second Unit Makhmudov"), normalize("2nd Unit Mahmudov"));
    let (wa, wb) = (weigh(&na, prior_weight), weigh(&nb, prior_weight));
    let sc = score_tokens(&wa, &wb);
    let ex = explain("2nd Unit Mahmudov", &na, &wa, &nb, &wb, &sc);
    let keys: Vec<&str> = ex.pairs.iter().filter_map(|p| p.key.as_deref()).collect();
    assert!(keys.contains(&"number 2"), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("spelling key")), "{keys:?}");
    assert!(ex.summary.contains("number 2"), "{}", ex.summary);
}

#[test]
fn token_similarity_short_doubled_vowel() {
    assert!(token_similarity("sad", "saad").is_some());
    assert!(token_similarity("pur", "poor").is_some());
    assert!(token_similarity("noor", "nur").is_some());
    assert_eq!(token_similarity("sun", "son"), None);
}

#[test]
fn token_similarity_guards_short_tokens() {
    assert_eq!(token_similarity("abc", "abd"), None);
    assert!(token_similarity("hassan", "hasan").is_some());
    assert!(token_similarity("tehnocenter", "technocenter").is_some());
}

#[test]
fn score_concepts_across_languages() {
    // Translations of a registered name's words correspond, in any order.
    assert!(s("Kalinka Tianjin International Trade Co., Ltd.", "卡林卡（天津）国际贸易有限公司") > 0.9);
    assert!(s("Meteor Plant JSC", "AO Zavod Meteor") >= 0.8);
    assert!(s("Instrument Design Bureau", "Konstruktorskoe Byuro Priborostroeniya") >= 0.8);
    // They weigh as generic words: a name of generic words only never reaches certainty, and the distinctive words
    // must still agree.
    assert!(s("Defence Industries Organisation", "Sazemane Sanaye Defa") < 0.99);
    assert!(s("Sanaye Electronic Iran", "Iran Electronics Industries") < 0.99);
    assert!(s("Pars Sanaye Electronic", "Kavir Electronics Industries") < 0.8);
    assert!(s("Meteor Zavod", "Raduga Plant") < 0.8);
}

#[test]
fn normalize_joins_han_words_of_organisations_only() {
    let texts = |x: &str| normalize(x).tokens.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts("卡林卡国际贸易有限公司"), ["ka", "lin", "ka", "guoji", "maoyi"]);
    // A short name without a legal form is as often a person's, whose given names are words too.
    assert_eq!(texts("王国际"), ["wang", "guo", "ji"]);
    let t = normalize("国际贸易有限公司");
    assert!(t.tokens.iter().all(|t| t.generic && matches!(t.symbol, Some(crate::normalize::Symbol::Concept(_)))));
}

#[test]
fn score_two_generic_words_written_alike_are_for_review() {
    // Many companies bear a name of two generic words: the same words are a hit, below the stop threshold.
    let x = s("Integrated Solutions Inc.", "Integrated Solutions");
    assert!((crate::config::DEFAULT_THRESHOLD..0.9).contains(&x), "{x}");
    // A place or a third word makes a name few parties share: written alike, it is the name.
    assert_eq!(s("Credit Bank of Moscow", "CREDIT BANK OF MOSCOW"), 1.0);
    assert_eq!(s("China North Industries Group Corp", "CHINA NORTH INDUSTRIES GROUP CORPORATION"), 1.0);
    // A distinctive word written alike is the name whatever else it holds.
    assert_eq!(s("Optolink Solutions", "OPTOLINK SOLUTIONS"), 1.0);
}

#[test]
fn score_plural_of_the_one_distinctive_word_is_that_word() {
    // "Weapon" / "Weapons" is one word in the singular and the plural, not a letter added to another name.
    assert!(s("Air Weapon Complex", "Air Weapons Complex") >= 0.8);
    assert!(s("Air Weapons Complex", "Air Weapon Complex") >= 0.8);
    // A letter added after a vowel, or any other letter, stays held.
    assert!(s("Nike, Inc.", "LLC Nikes") <= ONE_WORD_CAP);
    assert!(s("Alcon Inc.", "OOO Alkon") <= ONE_WORD_CAP);
}

#[test]
fn score_russian_words_against_their_english() {
    assert!(s("Auktsion OOO", "Auction LLC") >= 0.8);
    assert!(
        s("Obiedinennaya Promyshlennaya Korporatsiya Oboronprom", "United Industrial Corporation Oboronprom") >= 0.8
    );
    // A translated word is still one word: the listed name's other words must agree.
    assert!(s("Auktsion Vostok OOO", "Auction LLC") < 0.8);
}

/// A name that is a legal form alone names no one, nor do shared "free zone" words (issue #14).
#[test]
fn score_legal_form_or_free_zone_words_alone() {
    assert!(normalize("JOINT STOCK COMPANY").tokens.iter().all(|t| t.generic));
    assert!(normalize("Velmora Joint Stock Company").tokens.iter().any(|t| !t.generic));
    assert!(s("JOINT STOCK COMPANY", "BBL JOINT STOCK COMPANY") < crate::config::DEFAULT_THRESHOLD + 0.1);
    assert!(s("S.A.", "Kovra S.A.") < crate::config::DEFAULT_THRESHOLD);
    assert!(s("Andina Zona Libre S.A.", "TERMAL PANAMA (ZONA LIBRE) S.A.") < crate::config::DEFAULT_THRESHOLD);
    assert!(s("Termal Zona Libre S.A.", "TERMAL PANAMA (ZONA LIBRE) S.A.") >= crate::config::DEFAULT_THRESHOLD);
}
