//! Tests of the safety net (src/mentions.rs): OCR repair, bracketed short forms, and texts screened whole.

mod ocr_tests {
    use crate::mentions::ocr::ocr_repaired;

    #[test]
    fn ocr_repaired_reads_digits_inside_words_as_letters() {
        let text = "Consignee: Hasan Scient1fic C0rp, Lah0re; Ho11and; INV0ICE";
        let fixed = ocr_repaired(text).expect("repaired");
        assert_eq!(fixed, "Consignee: Hasan Scientific Corp, Lahore; Holland; INVOICE");
        assert_eq!(fixed.len(), text.len());
    }

    #[test]
    fn ocr_repaired_leaves_part_and_model_numbers() {
        for t in ["PI-2026-017", "1C010", "AD9361", "Ti6Al4V", "N0. 5", "M8 bolts", "5O units", "X5CrNi18-10"] {
            assert_eq!(ocr_repaired(t), None, "{t}");
        }
    }
}

mod bracket_tests {
    use crate::mentions::words::bracketed_words;

    #[test]
    fn bracketed_short_forms_of_a_listed_name() {
        assert_eq!(bracketed_words("Advanced Engineering Research Organization (AERO)"), ["aero"]);
        assert_eq!(
            bracketed_words("Changzhou Utek Composite Co., Limited.（CUC） （常州联拓）").first().map(String::as_str),
            Some("cuc")
        );
        assert!(bracketed_words("Rockside Enterprise").is_empty());
    }
}

mod screen_tests {
    use crate::{Config, OrderInput, Screener};

    /// The parties named in the text (name as written, best hit's entry name) of a screened text.
    fn named(text: &str) -> Vec<(String, String)> {
        with_hits(text).into_iter().filter(|(role, _, _)| role == "namedInText").map(|(_, n, e)| (n, e)).collect()
    }

    /// Every party with a hit: role, name as written, best hit's entry name.
    fn with_hits(text: &str) -> Vec<(String, String, String)> {
        let s = Screener::new(Config::default()).expect("screener");
        let r = s.screen_order(&OrderInput::Text(text.to_string())).expect("report");
        r.parties
            .iter()
            .filter(|p| !p.hits.is_empty())
            .map(|p| (p.role.clone(), p.name.clone(), p.hits.first().map(|h| h.name.clone()).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn screen_finds_listed_names_in_prose() {
        for (text, written) in [
            ("Hello, the order is for our client, Akhtar and Sons Private Limited, Karachi (Pakistan). Payment by LC.", "Akhtar and Sons Private Limited"),
            ("The pumps will then be forwarded to Tahir Asad Industries in Lahore by road.", "Tahir Asad Industries"),
            ("Spare parts for the compressor (Rockside Enterprise, Hong Kong), delivery in May.", "Rockside Enterprise"),
            ("pls send the invoice, goods go to changzhou utek composite next week", "changzhou utek composite"),
            ("Our partners at Shahid Hemmat Industrial Group will collect the goods.", "Shahid Hemmat Industrial Group"),
            // In lower case among capitals, before a legal form (a chat).
            ("[10:35] Karim: no, they go to hassan scientific corp in Lahore, we just buy for them", "hassan scientific corp"),
            // One capitalised word inside a sentence that is a listed organisation's whole name.
            ("Please note the boards will be forwarded to Radioavtomatika after customs clearance.", "Radioavtomatika"),
        ] {
            let found = with_hits(text);
            assert!(found.iter().any(|(_, w, _)| w == written), "{text}: {found:?}");
        }
    }

    #[test]
    fn screen_ignores_ordinary_words_and_parsed_parties() {
        for text in [
            "Please quote 6 hand-foot contamination monitors for our customer in Dubai. Spare parts, Ltd.",
            "Dear Sir, we need Spare Parts for our Customer. Name: Atlantic Class Pearl GmbH. Regards, Sunrise Team",
            "Buyer: M/s Hasan Scientific Corp, Lahore\nItems: 2 vacuum pumps",
            "[10:35] Karim: no, they go to a small trading co in Lahore, Pakistan, we just buy for them",
            "Radioavtomatika. That word starts a sentence, and radioavtomatika is in lower case.",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }

    /// The entries found in a text (any party with hits), by their listed names.
    fn entries(text: &str) -> Vec<String> {
        with_hits(text).into_iter().map(|(_, _, e)| e).collect()
    }

    #[test]
    fn screen_finds_a_listed_short_form_in_brackets_or_quotes_beside_a_name() {
        for (text, entry) in [
            ("Die Zylinder sind für das Minsker Radschlepperwerk (MZKT) in Minsk, Belarus, bestimmt.", "Minsk"),
            ("Мы помогаем с поставками инструмента для НПО «Ижмаш» в Ижевске.", "KALASHNIKOV"),
            // The name beside it, of company words and a place only, then stands for the hit.
            ("Los revendemos a la Korea Mining Development Trading Corp. (KOMID), en Asia.", "KOREA MINING"),
        ] {
            let found = entries(text);
            assert!(found.iter().any(|e| e.contains(entry)), "{text}: {found:?}");
        }
        let komid = with_hits("Los revendemos a la Korea Mining Development Trading Corp. (KOMID), en Asia.");
        assert!(komid.iter().any(|(_, w, _)| w.starts_with("Korea Mining")), "{komid:?}");
        // Not in brackets beside a name, or a short form no list gives alone: no hit.
        for text in [
            "Please note: MZKT will be mentioned later.",
            "Delivery (FOB Hamburg) to our client (ACME) in Karachi.",
            "Spare parts for the HESA",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }

    #[test]
    fn screen_finds_a_listed_acronym_given_as_a_party_or_with_its_listed_place() {
        // An acronym with a place the entry gives after it (three capitals are enough), or a parsed party's whole
        // name: the listed country written with it lifts the hit to a stop.
        for (text, entry) in [
            ("we ship to HK first then to DJI in Shenzhen, they are the end user", "DJI"),
            ("Für das Werk MZKT in Minsk benötigen wir 36 Hydraulikzylinder.", "Minsk"),
            ("Cliente final: PDVSA, Venezuela\nArtículos: 24 juegos de asientos", "PETROLEOS"),
        ] {
            let s = Screener::new(Config::default()).expect("screener");
            let r = s.screen_order(&OrderInput::Text(text.to_string())).expect("report");
            let hit = r.parties.iter().flat_map(|p| &p.hits).find(|h| h.name.contains(entry));
            assert!(hit.is_some_and(|h| h.score >= Config::default().stop_threshold), "{text}: {:?}", r.parties);
        }
        // A place the entry does not give, no place, or a short form no list gives alone: no hit.
        for text in [
            "we ship to DJI in London next week",
            "Please note: MZKT will be mentioned later.",
            "The goods go to ABC in Shenzhen.",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }

    #[test]
    fn screen_reads_a_russian_name_on_across_the_opening_quote_after_its_kind() {
        let found = entries("В настоящее время для нужд АО «Концерн «Созвездие»» нам требуются соединители.");
        assert!(found.iter().any(|e| e.contains("SOZVEZDIE")), "{found:?}");
        // A closing quote still ends a name.
        assert!(named("Письмо «Концерн» Созвездие").is_empty(), "{:?}", named("Письмо «Концерн» Созвездие"));
    }

    #[test]
    fn screen_reads_a_declined_russian_noun_before_a_name_in_the_nominative() {
        use crate::mentions::cases::nominative;
        let s = Screener::new(Config::default()).expect("screener");
        // Prepositional, genitive and instrumental of a word the lists hold ("Концерн Калашников").
        for word in ["концерне", "концерна", "концерном"] {
            assert_eq!(nominative(&s, word).as_deref(), Some("концерн"), "{word}");
        }
        // Not Cyrillic in lower case, a stem too short, or a form no list holds.
        for word in ["Концерне", "concerne", "на", "стоят"] {
            assert_eq!(nominative(&s, word), None, "{word}");
        }
        let found = entries("[09.11.2026 11:45] Сергей: станки стоят на концерне Калашников, Ижевск. Оплата сразу");
        assert!(found.iter().any(|e| e.contains("KALASHNIKOV")), "{found:?}");
    }

    #[test]
    fn screen_finds_an_acronym_the_list_gives_written_with_dots() {
        let found = entries("The items are required for P.A.E.C. project at Islamabad; we are their supplier.");
        assert!(found.iter().any(|e| e.starts_with("Pakistan Atomic Energy Commission")), "{found:?}");
        assert!(named("The items are required for A.B.C. project at Islamabad.").is_empty());
    }

    #[test]
    fn screen_finds_a_name_of_company_words_or_in_lower_case_before_its_listed_place() {
        for (text, entry) in [
            (
                "Once received, they will be forwarded to Universal Enterprises Ltd. in Kowloon, Hong Kong.",
                "Universal Enterprise Limited",
            ),
            ("[10:43] Ali: invoice party name Affiliates International, Keamari Karachi", "Affiliates International"),
        ] {
            let found = entries(text);
            assert!(found.iter().any(|e| e == entry), "{text}: {found:?}");
        }
        for text in [
            // Another place than the listed one, or a part of the name.
            "Once received, they will be forwarded to Universal Enterprises Ltd. in Lagos, Nigeria.",
            "The goods go to our affiliates in Karachi, Pakistan.",
            "Dear Jens, the invoice goes to rockside, karachi pakistan. Regards, Imran",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }

    #[test]
    fn screen_finds_a_listed_name_that_writes_a_word_twice() {
        let text = "The goods are for our customer in China, Beijing Luo Luo Technology Development Co., Ltd., who \
                    will collect them.";
        let found = entries(text);
        assert!(found.iter().any(|e| e.to_lowercase().starts_with("beijing luo luo")), "{found:?}");
    }

    #[test]
    fn screen_is_linear_and_bounded() {
        let s = Screener::new(Config::default()).expect("screener");
        let unit = "Our client Akhtar and Sons Private Limited asked for Alpha Beta Gamma Delta parts. ";
        let small = unit.repeat(50);
        let big = unit.repeat(5_000);
        let a = crate::mentions::screen(&s, &small, &crate::text::tokens(&small), &[]);
        let b = crate::mentions::screen(&s, &big, &crate::text::tokens(&big), &[]);
        // Identical windows are screened once, so a repeated text costs no more queries.
        assert_eq!(a.windows, b.windows);
        assert!(b.complete && b.parties.len() == 1, "{:?}", b.parties);
    }
}

mod class_tests {
    use crate::{Config, OrderInput, Screener};

    /// Every party with a hit: name as written, best hit's entry name and score.
    fn hits(text: &str) -> Vec<(String, String, f64)> {
        let s = Screener::new(Config::default()).expect("screener");
        let r = s.screen_order(&OrderInput::Text(text.to_string())).expect("report");
        r.parties.iter().filter_map(|p| p.hits.first().map(|h| (p.name.clone(), h.name.clone(), h.score))).collect()
    }

    fn finds(text: &str, entry: &str, least: f64) {
        let found = hits(text);
        assert!(found.iter().any(|(_, e, score)| e == entry && *score >= least), "{text}: {found:?}");
    }

    fn misses(text: &str, entry: &str) {
        let found = hits(text);
        assert!(!found.iter().any(|(_, e, _)| e == entry), "{text}: {found:?}");
    }

    #[test]
    fn a_listed_name_of_a_place_and_company_words_abbreviated_in_a_signature() {
        let entry = "Harbin Institute of Technology";
        finds("谢谢！\n\n张伟 博士\nSchool of Astronautics, Harbin Inst. of Tech.\n", entry, 0.9);
        finds("Best regards,\nWei Zhang\nHarbin Institute of Technology\n", entry, 0.9);
        misses("Best regards,\nWei Zhang\nHarbin Institute of Aviation Materials\n", entry);
        misses("We ship from Harbin next week.", entry);
    }

    #[test]
    fn a_chinese_name_read_with_a_label_before_it() {
        let text = "刘总 15:22\n是常州联拓那边要的，发票开给常州联拓复合材料有限公司，江苏常州新北区\n";
        let found = hits(text);
        assert!(found.iter().any(|(n, _, score)| n == "常州联拓复合材料有限公司" && *score >= 0.9), "{found:?}");
    }

    #[test]
    fn a_party_without_hits_is_screened_by_its_bracketed_and_comma_parts() {
        // The English name in brackets, and its first part before a comma, stand alone for the listed name.
        let text = "用户单位：中国工程物理研究院 流体物理研究所（China Academy of Engineering Physics, Institute of \
                    Fluid Physics）\n地址：四川省绵阳市绵山路 64 号\n";
        finds(text, "Chinese Academy of Engineering Physics", 0.9);
        // A comma part that is only a place or company words is no name.
        misses(
            "用户单位：西安某研究所（Institute of Fluid Physics, Mianyang）\n",
            "Chinese Academy of Engineering Physics",
        );
    }

    #[test]
    fn a_brand_split_into_two_words_is_joined() {
        let entry = "Hangzhou Hikvision Digital Technology Co., Ltd.";
        finds(
            "[3/4/26, 22:11] Kevin Zhou: for hik vision hangzhou, new camera project, they buy through us\n",
            entry,
            0.9,
        );
        // Two ordinary words that happen to be written apart are not joined into a listed name.
        misses("[3/4/26, 22:11] Kevin Zhou: for high vision hangzhou, new camera project\n", entry);
    }

    #[test]
    fn a_listed_word_split_in_two_capitalised_words_is_one_name() {
        // Written alone as a name in its clause, the two words read as the one listed word.
        finds("Il cliente finale è Rosoboron Export, Mosca; la merce passerà da Milano.", "ROSOBORONEXPORT", 0.9);
        finds("The end user is Rosoboron Export, we only forward the goods.", "ROSOBORONEXPORT", 0.9);
        // With a name-like word beside it, or two words that make no listed word, no such reading.
        misses("The end user is Rosoboron Export Trading Partners Alliance, Mosca.", "ROSOBORONEXPORT");
        assert!(hits("The end user is Rose Export, we only forward the goods.").is_empty());
    }

    #[test]
    fn a_listed_acronym_written_as_dotted_initials_is_a_short_form() {
        // As a parsed party's whole name, and with a place the entry gives after it.
        let entry = "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES";
        finds(
            "BILL OF LADING\nShipper: Nordpumpen GmbH, Hamburg\nCarrier: I.R.I.S.L.\nPort of discharge: Bandar Abbas\n",
            entry,
            0.8,
        );
        finds("The containers go by I.R.I.S.L. in Tehran, as agreed.", entry, 0.8);
        // Initials no list gives alone, or a listed acronym with nothing that makes it a name: no hit.
        assert!(hits("Carrier: D.H.L.\nPort of discharge: Bandar Abbas\n").is_empty());
        misses("We read about I.R.I.S.L. yesterday and will write later.", entry);
    }

    #[test]
    fn a_party_is_screened_by_its_parts_between_dashes() {
        // The acronym before a dash is the party's name, the rest its gloss in French.
        finds(
            "Acheteur / Destinataire : MZKT – Usine de tracteurs à roues de Minsk, 150 avenue Partizanski, Minsk, Bélarus\n",
            "Minsk Wheeled Tractor Plant",
            0.9,
        );
        assert!(hits("Acheteur : ACME – Usine de pompes de Lyon, Lyon, France\n").is_empty());
    }

    #[test]
    fn a_listed_name_in_lower_case_before_the_name_of_one_of_its_units() {
        let chat = "[05/12/2026 08:01] Reza: hello my friend\n[05/12/2026 08:02] Reza: for mahan air cargo dept, IKA \
                    airport Tehran\n[05/12/2026 08:15] Aero Spares: Hi Reza, noted\n";
        finds(chat, "MAHAN AIR", 0.9);
        // Without a unit word after it, or with more than the unit's name before the clause ends: no such reading.
        misses(
            "[05/12/2026 08:02] Reza: for mahan air cargo, IKA airport\n[08:15] Aero Spares: Hi Reza\n",
            "MAHAN AIR",
        );
        misses(
            "[05/12/2026 08:02] Reza: for mahan air cargo dept building three, IKA\n[08:15] Aero Spares: Hi Reza\n",
            "MAHAN AIR",
        );
    }
}
