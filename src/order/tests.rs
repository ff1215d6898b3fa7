//! Whole-text parsing: each layout read end to end through [`super::parse`].

use super::*;

fn party<'a>(o: &'a Order, role: &str) -> Option<&'a Party> {
    o.parties.iter().find(|p| p.role == role)
}

#[test]
fn parse_labelled_party_with_address() {
    let t = "Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan\nEnd user: PAEC";
    let o = parse(t);
    let b = party(&o, "buyer").expect("buyer");
    assert_eq!(b.name, "M/s Hasan Scientific Corp");
    assert_eq!(b.address.as_deref(), Some("50 Akbari Road, Lahore, Pakistan"));
    assert_eq!(b.country.as_deref(), Some("PK"));
    let sp = b.span.clone().expect("span");
    assert_eq!(&t[sp.start.unwrap()..sp.end.unwrap()], "M/s Hasan Scientific Corp");
    assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("PAEC"));
}

#[test]
fn parse_multiline_block() {
    let t = "Consignee:\nBeijing Comfort Technology and Development Co., Ltd.\nNo. 5 Zhongguancun Street\nBeijing, China\n\nPayment: 100% advance";
    let o = parse(t);
    let c = party(&o, "consignee").expect("consignee");
    assert_eq!(c.name, "Beijing Comfort Technology and Development Co., Ltd.");
    assert_eq!(c.country.as_deref(), Some("CN"));
    assert_eq!(o.payment.as_deref(), Some("100% advance"));
}

#[test]
fn parse_foreign_labels() {
    let o = parse("Käufer: Müller GmbH, Berlin\nEndverwender: Stadtwerke München\nVerwendungszweck: Wasserversorgung");
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("DE"));
    assert!(party(&o, "endUser").is_some());
    assert_eq!(o.end_use.as_deref(), Some("Wasserversorgung"));
    let o = parse("Покупатель: ООО Ромашка, Москва\nКонечный пользователь: АО Завод\nТовар: насос");
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("RU"));
    assert!(party(&o, "endUser").is_some());
    assert_eq!(o.items.len(), 1);
    let o = parse("Acheteur: Société X, Lyon, France\nUtilisateur final: Hôpital Y\nComprador: Z S.A., Madrid");
    assert_eq!(o.parties.len(), 3);
}

#[test]
fn parse_items_with_parameters() {
    let t = "Items:\n1. Fibre optic gyroscope, bias stability 0.01 deg/h, 20 pcs, HS 9014.20\n2. Carbon fibre, tensile modulus 290 GPa, tensile strength 1900 MPa, 500 kg";
    let o = parse(t);
    assert_eq!(o.items.len(), 2, "{:?}", o.items);
    let g = &o.items[0];
    assert_eq!(g.quantity.as_deref(), Some("20 pcs"));
    assert_eq!(g.quantity_value, Some(20.0));
    assert_eq!(g.hs.as_deref(), Some("9014.20"));
    assert_eq!(g.parameters.len(), 1, "{:?}", g.parameters);
    assert_eq!(g.parameters[0].name, "bias stability");
    assert_eq!(g.parameters[0].unit, "deg/h");
    assert!((g.parameters[0].value - 0.01).abs() < 1e-12);
    let c = &o.items[1];
    let m = c.parameters.iter().find(|p| p.name == "tensile modulus").expect("modulus");
    assert_eq!((m.value, m.unit.as_str()), (290_000.0, "MPa"));
    assert!(c.parameters.iter().any(|p| p.name == "tensile strength" && p.value == 1900.0));
    let sp = g.span.clone().unwrap();
    assert!(t[sp.start.unwrap()..sp.end.unwrap()].starts_with("Fibre optic"));
}

#[test]
fn parse_items_parameters_on_the_next_chat_line() {
    // The parameters follow the goods in a message of their own; the German text groups thousands with a dot.
    let t = "[11.11.26, 15:02] Nurlan: Guten Tag, wir brauchen 10 Frequenzumrichter\n[11.11.26, 15:03] Nurlan: \
             3-phasig, Ausgangsfrequenz bis 1.000 Hz, 15 kVA\n[11.11.26, 15:05] Wolf: für welche Anwendung?";
    let o = parse(t);
    let it = o.items.first().expect("an item");
    assert!(it.description.contains("Frequenzumrichter"), "{:?}", o.items);
    let f = it.parameters.iter().find(|p| p.unit == "Hz").expect("the frequency");
    assert_eq!(f.value, 1000.0, "{:?}", it.parameters);
    // "four units of ..." counts the goods; the parameters of the next line describe them.
    let o = parse(
        "Dear Sirs, we would like to order four units of your frequency converter model FC-1200.\nEach unit is \
         adjustable over the whole range from 600 Hz to 1 800 Hz.",
    );
    let it = o.items.first().expect("an item");
    assert_eq!(it.quantity_value, Some(4.0), "{:?}", o.items);
    assert_eq!(it.parameters.iter().map(|p| p.value).collect::<Vec<_>>(), [600.0, 1800.0]);
}

#[test]
fn parse_prose_email() {
    let t = "Dear Sir,\nWe are buying for our customer Pakistan Atomic Energy Commission, a nuclear power station in Chashma. \
                 The goods will be shipped via Dubai. We need 4 pcs hand and foot contamination monitors.\n\nBest regards,\nAli Raza\nPurchase Manager\nHasan Scientific Corp\n50 Akbari Road, Lahore\nTel: +92 42 1234567";
    let o = parse(t);
    let eu = party(&o, "endUser").expect("end user");
    assert_eq!(eu.name, "Pakistan Atomic Energy Commission");
    assert_eq!(eu.country.as_deref(), Some("PK"));
    assert!(eu.descriptor.as_deref().unwrap_or_default().contains("nuclear power station"));
    assert!(o.via.contains(&"AE".to_string()), "{:?}", o.via);
    assert_eq!(o.destination.as_deref(), Some("PK"));
    let b = party(&o, "buyer").expect("buyer from signature");
    assert_eq!(b.name, "Hasan Scientific Corp");
    assert_eq!(b.country.as_deref(), Some("PK"));
    assert_eq!(o.items.len(), 1, "{:?}", o.items);
    assert_eq!(o.items[0].quantity_value, Some(4.0));
}

#[test]
fn parse_csv_parties() {
    let t = "role,name,country,address\nbuyer,Hasan Scientific Corp,PK,\"50 Akbari Road, Lahore\"\nend user,National Development Complex,Pakistan,Islamabad\n";
    let o = parse(t);
    assert_eq!(o.parties.len(), 2, "{:?}", o.parties);
    assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("National Development Complex"));
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("PK"));
}

#[test]
fn parse_tsv_order_rows() {
    let t = "Buyer\tEnd user\tDescription\tQty\tHS code\nAl Noor Trading\tUnknown Works\tVacuum pump\t2\t8414.10\n";
    let o = parse(t);
    assert!(party(&o, "buyer").is_some() && party(&o, "endUser").is_some());
    assert_eq!(o.items.len(), 1);
    assert_eq!(o.items[0].hs.as_deref(), Some("8414.10"));
    assert_eq!(o.items[0].quantity_value, Some(2.0));
}

#[test]
fn parse_na_end_user_is_a_field_not_a_party() {
    let o = parse("Buyer: X Traders, Karachi\nEnd user: N/A\nEnd use: general purposes");
    assert!(party(&o, "endUser").is_none());
    assert!(o.fields.iter().any(|f| f.key == "endUser" && f.value == "N/A"));
    assert_eq!(o.end_use.as_deref(), Some("general purposes"));
}

#[test]
fn parse_destination_and_port() {
    let o = parse("Consignee: Al Noor Logistics FZE, Jebel Ali, UAE\nEnd user: Rawalpindi Works, Rawalpindi\nPort of discharge: Jebel Ali");
    assert_eq!(o.destination.as_deref(), Some("PK"));
    assert!(o.via.contains(&"AE".to_string()));
}

#[test]
fn parse_large_junk_finishes() {
    let mut t = String::with_capacity(1 << 20);
    let chunk = "Buyer: ::: 1,2,3;;; via via via 9014.20.00 \u{feff} ааа Käufer\t|x|y|\n(((( M/s ))) 0.5 deg/h ";
    while t.len() < (1 << 20) {
        t.push_str(chunk);
    }
    let o = parse(&t);
    assert!(o.parties.len() <= MAX_PARTIES);
    assert!(o.items.len() <= MAX_ITEMS);
}

#[test]
fn parse_from_header_sender_is_buyer() {
    let o = parse("From: Hasan Scientific Corp, Lahore, Pakistan\nSubject: RFQ\n\nDear Sir,\nPlease quote 6 monitors.");
    let b = party(&o, "buyer").expect("sender as buyer");
    assert_eq!(
        (b.name.as_str(), b.country.as_deref(), b.read_from.as_str()),
        ("Hasan Scientific Corp", Some("PK"), "header")
    );
    // A person with an address: screened as a party; the company comes from the signature, the country from the
    // e-mail domain.
    let o = parse("From: \"Ali Raza\" <ali@hasansci.com.pk>\nTo: sales@example.de\n\nDear Sir,\nWe need 2 pumps.\n\nRegards,\nAli Raza\nHasan Scientific Corp");
    assert_eq!(party(&o, "party").map(|p| p.name.as_str()), Some("Ali Raza"));
    let b = party(&o, "buyer").expect("buyer from the signature");
    assert_eq!((b.name.as_str(), b.country.as_deref()), ("Hasan Scientific Corp", Some("PK")));
    assert!(o.parties.iter().all(|p| !p.name.contains("sales")), "{:?}", o.parties);
}

#[test]
fn parse_from_to_in_a_request_is_the_customer_writing() {
    let o = parse("From: Hasan Scientific Corp, Lahore, Pakistan\nTo: Example Instruments GmbH\nPlease quote 6 hand-foot contamination monitors.");
    assert_eq!(o.parties.len(), 1, "{:?}", o.parties);
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("PK"));
    assert_eq!(o.items.first().and_then(|i| i.quantity_value), Some(6.0));
}

#[test]
fn parse_from_to_in_a_proforma_invoice() {
    let o = parse("PROFORMA INVOICE\nFrom: Rheinland Microsystems GmbH, Düsseldorf, Germany\nTo: Kowloon Bay Components Ltd, Hong Kong\nItems: FPGA, 20 pcs");
    assert_eq!(party(&o, "seller").and_then(|p| p.country.as_deref()), Some("DE"));
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("HK"));
    assert_eq!(o.destination.as_deref(), Some("HK"));
}

#[test]
fn parse_ship_to_unnamed_customer_is_not_an_address() {
    let o = parse("Buyer: Gulf Star General Trading LLC, Dubai, UAE\nShip to our customer in Pakistan\nItems: 6 hand-foot contamination monitors, HS 9030.10");
    let b = party(&o, "buyer").expect("buyer");
    assert_eq!((b.country.as_deref(), b.address.as_deref()), (Some("AE"), Some("Dubai, UAE")));
    assert_eq!(o.destination.as_deref(), Some("PK"));
    assert!(o.fields.iter().any(|f| f.key == "unnamedEndUser" && f.value.contains("customer in Pakistan")));
    assert!(party(&o, "consignee").is_none() && party(&o, "endUser").is_none(), "{:?}", o.parties);
    // A named customer is a party, and no unnamed reference is kept.
    let o = parse("We are buying for our customer Pakistan Atomic Energy Commission in Islamabad.");
    assert!(party(&o, "endUser").is_some() && o.fields.iter().all(|f| f.key != "unnamedEndUser"));
    // "the end user certificate" is no reference to an end user.
    let o = parse("Please send the end user certificate. We need 2 pumps.");
    assert!(o.fields.iter().all(|f| f.key != "unnamedEndUser"), "{:?}", o.fields);
}

#[test]
fn parse_items_quantity_forms() {
    let q = |t: &str| {
        let o = parse(&format!("Items: {t}"));
        let i = o.items.first().cloned().unwrap_or_default();
        (i.quantity_value, i.description)
    };
    assert_eq!(
        q("6 hand-foot contamination monitors, HS 9030.10"),
        (Some(6.0), "hand-foot contamination monitors".into())
    );
    assert_eq!(q("20 units of fibre optic gyroscopes"), (Some(20.0), "fibre optic gyroscopes".into()));
    assert_eq!(q("vacuum pumps x20"), (Some(20.0), "vacuum pumps".into()));
    assert_eq!(q("2x vacuum pumps"), (Some(2.0), "vacuum pumps".into()));
    assert_eq!(q("filing cabinets x 12 (4 drawers)"), (Some(12.0), "filing cabinets (4 drawers)".into()));
    assert_eq!(q("gyroscopes, qty: 20"), (Some(20.0), "gyroscopes".into()));
    assert_eq!(q("twenty (20) units hand and foot monitors"), (Some(20.0), "hand and foot monitors".into()));
    assert_eq!(q("aluminium rods, 2 000 kg"), (Some(2000.0), "aluminium rods".into()));
    assert_eq!(q("T-Shirts, Menge: 5.000 Stück"), (Some(5000.0), "T-Shirts".into()));
    // not counts: dimensions, grades, measurements
    assert_eq!(q("camera 640 x 512").0, None);
    assert_eq!(q("316 stainless steel tube").0, None);
    assert_eq!(q("24 V DC motor").0, None);
    assert_eq!(q("steel plates 2000 x 6000 x 12 mm, 50 sheets").0, Some(50.0));
}

#[test]
fn parse_item_attribute_lines_stay_with_their_item() {
    let t = "Items:\n1. Fibre optic gyroscope, 20 pcs\n   HS code: 9014.20\n   ECCN: 7A003\nUnit price: USD 5,000\n2. Accelerometer, 10 pcs\nPayment: L/C";
    let o = parse(t);
    assert_eq!(o.items.len(), 2, "{:?}", o.items);
    assert_eq!(o.items[0].hs.as_deref(), Some("9014.20"));
    assert!(o.items[0].description.contains("7A003"), "{}", o.items[0].description);
    assert_eq!(o.items[1].quantity_value, Some(10.0));
    assert_eq!(o.payment.as_deref(), Some("L/C"));
}

#[test]
fn parse_party_form_fields_and_references() {
    let o = parse(
        "Buyer: Hasan Scientific Corp\nAddress: 50 Akbari Road\nCity: Lahore\nCountry: Pakistan\nProduct: 6 monitors",
    );
    let b = party(&o, "buyer").expect("buyer");
    assert_eq!((b.address.as_deref(), b.country.as_deref()), (Some("50 Akbari Road, Lahore, Pakistan"), Some("PK")));
    let o = parse("Käufer: Anatolia Makina A.Ş., Bursa, Türkei\nEndverwender: wie Käufer");
    assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("Anatolia Makina A.Ş."));
    let o =
        parse("Name: Ali Raza\nCompany: Al-Noor Traders\nCountry: Pakistan\nMessage: we need 20 pcs accelerometers");
    let b = party(&o, "buyer").expect("company of the enquiry form");
    assert_eq!((b.name.as_str(), b.country.as_deref()), ("Al-Noor Traders", Some("PK")));
}

#[test]
fn parse_hostile_inputs_are_bounded() {
    let cases = [
        "Buyer: ".to_string() + &"x 1 ".repeat(60_000),
        "Buyer: Buyer: End user: our customer in Pakistan\n".repeat(5_000),
        "ship to our customer in Pakistan, on behalf of our client in Iran. ".repeat(4_000),
        "Items:\n".to_string()
            + &"- 6 monitors x20 (20) units 2 000 kg ECCN 3A001.a.1 HS 9030.10 1C010\n".repeat(3_000),
        "From: A <a@b.pk>\nTo: X Ltd\nSubject: s\n".repeat(8_000),
        "(".repeat(100_000) + &"x".repeat(100_000),
    ];
    for t in &cases {
        let o = parse(t);
        assert!(o.parties.len() <= MAX_PARTIES && o.items.len() <= MAX_ITEMS && o.fields.len() <= MAX_FIELDS);
        assert!(o.items.iter().all(|i| i.description.len() <= MAX_DESCRIPTION));
    }
}

#[test]
fn parse_terms_line_is_a_field_not_an_item() {
    // "Условия: CIF Санкт-Петербург" and "Terms: FOB Shanghai" are delivery terms (Incoterms 2020), not goods.
    for text in [
        "Покупатель: ООО «Чайный Двор», Москва\nТовар: чай чёрный, 20 000 кг, код ТН ВЭД 0902.40\nУсловия: CIF Санкт-Петербург",
        "Buyer: Harbour Foods Ltd, Auckland\nGoods: canned tuna, 400 cartons\nTerms: FOB Bangkok",
    ] {
        let o = parse(text);
        assert_eq!(o.items.len(), 1, "{text}: {:?}", o.items);
        assert!(o.fields.iter().any(|f| f.key == "delivery"), "{text}: {:?}", o.fields);
    }
}

#[test]
fn parse_chinese_request_keeps_the_goods_after_the_verb() {
    let o = parse("你好，我们是宁波华纺服饰有限公司，需要精梳棉纱 40 吨");
    let it = o.items.first().expect("an item");
    assert_eq!(it.description, "精梳棉纱", "{it:?}");
    assert_eq!(it.quantity_value, Some(40.0));
    assert_eq!(o.parties.first().map(|p| p.name.as_str()), Some("宁波华纺服饰有限公司"));
}

#[test]
fn parse_writer_introducing_themselves_is_the_buyer() {
    for (text, name, country) in [
        ("hello, Farid from Caspian Tech Supply, Baku\nwe need 10 pcs oscilloscopes", "Caspian Tech Supply", "AZ"),
        (
            "Buenas tardes, le escribe Rosa de Acabados Miraflores S.A.C., calle Espíritu Santo 4, Lima, Perú",
            "Acabados Miraflores",
            "PE",
        ),
        ("Asif here from Rockside Enterprise, Karachi\nneed titanium fasteners", "Rockside Enterprise", "PK"),
        (
            "Buenos días,\nLes escribo de Iberia Sourcing S.L., Madrid. Necesitamos 2 controladores CNC",
            "Iberia Sourcing",
            "ES",
        ),
    ] {
        let o = parse(text);
        let p = o.parties.iter().find(|p| p.role == "buyer").unwrap_or_else(|| panic!("{text}: {:?}", o.parties));
        assert!(p.name.contains(name), "{text}: {p:?}");
        assert_eq!(p.country.as_deref(), Some(country), "{text}: {p:?}");
    }
    // Not introductions: a person's name and "de", goods from a country, a document title.
    for text in [
        "Mit freundlichen Grüßen\nJan de Vries",
        "Goods from Germany, 20 pcs valves",
        "CARTA DE CRÉDITO DOCUMENTARIO N.º 88",
    ] {
        assert!(parse(text).parties.iter().all(|p| p.read_from != "prose"), "{text}: {:?}", parse(text).parties);
    }
}

#[test]
fn parse_embargoed_place_beside_the_writers_own_company_is_the_destination() {
    let o = parse("Hello, this is Wang Lei from Dalian Haixing Trading Co., Ltd., Dalian, China.\nPlease quote 4 CNC milling machines for our partner factory, Pyongyang.");
    assert_eq!(o.destination.as_deref(), Some("KP"), "{:?}", o.parties);
    let o = parse("NORDLICHT TECHNIK GMBH\nHafenstraße 4, Hamburg, Germany\n\nPlease quote 10 servo drives for our partner factory, Yekaterinburg.");
    assert_eq!(o.destination.as_deref(), Some("RU"), "{:?}", o.parties);
    // Other places the text names (a street, an origin) do not move the destination from the writer's country.
    let o = parse("Hola, soy Lucía de Boutique Malasaña S.L., calle del Espíritu Santo 12, Madrid\nqueremos 120 vestidos de algodón de Italia");
    assert_eq!(o.destination.as_deref(), Some("ES"), "{:?}", o.parties);
}

#[test]
fn parse_two_counted_goods_in_one_sentence() {
    let o = parse("Ashraf bhai, customer needs 3 RF signal generators up to 20 GHz and 2 power meters.");
    let d: Vec<(&str, Option<f64>)> = o.items.iter().map(|i| (i.description.as_str(), i.quantity_value)).collect();
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].0.starts_with("RF signal generators") && d[0].1 == Some(3.0), "{d:?}");
    assert!(d[1].0.starts_with("power meters") && d[1].1 == Some(2.0), "{d:?}");
    // A number inside one item's description is no second item.
    let o = parse("We need 20 pcs vacuum pumps, 2 stage, 300 m3/h and 4 kW.");
    assert_eq!(o.items.len(), 1, "{:?}", o.items);
}

#[test]
fn parse_names_with_an_apostrophe_inside_a_word() {
    let o = parse("Necesitamos 2 controladores CNC para nuestro cliente Xi'an Longde Technology Development Company Limited, Xi'an, China.");
    let p = o.parties.iter().find(|p| p.role == "endUser").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(p.name.starts_with("Xi'an Longde Technology"), "{p:?}");
}

#[test]
fn parse_chinese_end_user_and_clauses_after_the_goods() {
    let o = parse("您好，我们需要高压球阀 DN50，40 个，最终用户为 National Development Complex，巴基斯坦伊斯兰堡。请报 FOB 天津价格。");
    assert_eq!(o.items.first().map(|i| i.description.as_str()), Some("高压球阀 DN50"), "{:?}", o.items);
    let eu = o.parties.iter().find(|p| p.role == "endUser").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert_eq!((eu.name.as_str(), eu.country.as_deref()), ("National Development Complex", Some("PK")));
}

#[test]
fn parse_outlook_headers_in_other_languages() {
    for text in [
        "Kimden: Jonas Weber <j.weber@example.de>\nKonu: Sipariş\n\nplease supply 20 pumps",
        "发件人: 刘洋 <liuyang@example.cn>\n主题: 询价\n\n我们需要高压球阀 40 个",
    ] {
        let o = parse(text);
        assert!(o.fields.iter().any(|f| f.key == "from"), "{text}: {:?}", o.fields);
        assert!(
            !o.items.iter().any(|i| i.description.contains("Konu") || i.description.contains("主题")),
            "{:?}",
            o.items
        );
    }
}

#[test]
fn parse_job_titles_and_departments_are_never_parties() {
    for t in [
        "Headmistress",
        "Verkauf Innendienst",
        "Руководитель отдела снабжения",
        "Oficina de Logística",
        "Satınalma Müdürü",
        "Innkjøp",
        "Obmann",
        "Factory Manager",
        "Le Président du Conseil d'Administration",
    ] {
        assert!(labels::is_job_title(t), "{t}");
    }
    for t in ["Asante Hills Senior High School", "Lofoten Sjømat AS", "General Trading LLC", "Global Logistics"] {
        assert!(!labels::is_job_title(t), "{t}");
    }
    // A title after the sender's name is not the company; a title before it on one line is cut off.
    let o = parse("Bitte liefern Sie 300 Messer.\n\nMit freundlichen Grüßen\nIngrid Hansen\nInnkjøp\n");
    assert!(party(&o, "buyer").is_none(), "{:?}", o.parties);
    let o = parse(
        "Please ship 20 projectors.\n\nYours faithfully,\n\nMrs. Abena Owusu-Ansah\nHeadmistress, Asante Hills Senior High School\n",
    );
    assert_eq!(party(&o, "buyer").map(|p| p.name.as_str()), Some("Asante Hills Senior High School"));
}

#[test]
fn parse_company_names_whole() {
    // A Turkish name with "ve" and its legal form after it, not the form alone.
    let o = parse(
        "Sayın Bay Rossi,\n\nAntep Fıstığı Gıda San. ve Tic. Ltd. Şti. olarak hattı satın almaya karar verdik.\n",
    );
    let b = party(&o, "buyer").expect("buyer");
    assert!(b.name.starts_with("Antep Fıstığı Gıda"), "{:?}", b.name);
    // A name in guillemets runs to the closing mark whatever the case of its words.
    let o = parse("Подтверждаем заказ. Покупатель ООО «Кондитерская фабрика Северное сияние», г. Москва.\n");
    assert_eq!(party(&o, "buyer").map(|p| p.name.as_str()), Some("ООО «Кондитерская фабрика Северное сияние»"));
    // A legal form before a name in guillemets and another after it.
    let o = parse("Компания «Талын Мах» ХХК (Монголия, г. Улан-Батор) подтверждает заказ.\n");
    let b = party(&o, "buyer").expect("buyer");
    assert_eq!(b.name, "Компания «Талын Мах» ХХК");
    assert_eq!(b.country.as_deref(), Some("MN"));
    // A letterhead whose name ends in the dot of its legal form, its city on the third line.
    let o = parse(
        "EXPORTADORA DE CAFÉ LOS VOLCANES, S.A.\n12 Calle 1-25, Zona 10\nCiudad de Guatemala, Guatemala\n\nConfirmamos el pedido siguiente:\n  · 25.000 sacos de yute\n",
    );
    let b = party(&o, "buyer").expect("buyer");
    assert_eq!(b.name, "EXPORTADORA DE CAFÉ LOS VOLCANES, S.A.");
    assert_eq!(b.country.as_deref(), Some("GT"));
    // "For:" signs for the company; the letterhead above gives its country.
    let o = parse(
        "KIRINYAGA HIGHLANDS FARMERS' CO-OPERATIVE SOCIETY LTD\nP.O. Box 412-10300, Kerugoya, Kenya\n\nKindly supply 2 disc pulpers.\n\nYours faithfully,\nFor: Kirinyaga Highlands Farmers' Co-operative Society Ltd\n",
    );
    let b = party(&o, "buyer").expect("buyer");
    assert!(b.name.starts_with("KIRINYAGA") || b.name.starts_with("Kirinyaga"), "{:?}", b.name);
    assert_eq!(b.country.as_deref(), Some("KE"));
}

#[test]
fn parse_delivery_and_invoice_parties() {
    // A delivery label with words about the place ("our farm", "as always") names the consignee.
    let o = parse("Please go ahead.\nEntrega en nuestra finca: Flores de la Sabana S.A.S., Cajicá, Colombia.\n");
    assert_eq!(party(&o, "consignee").and_then(|p| p.country.as_deref()), Some("CO"));
    let o =
        parse("passt so.\nLieferadresse wie immer: Nábytek Novák s.r.o., Průmyslová 14, 627 00 Brno, Tschechien.\n");
    assert_eq!(party(&o, "consignee").map(|p| p.name.as_str()), Some("Nábytek Novák s.r.o."));
    // Delivery and billing address: the consignee and the buyer.
    let o = parse("Adresse de livraison et de facturation : Clinique Les Berges du Lac, 1053 Tunis, Tunisie.\n");
    assert_eq!(party(&o, "consignee").and_then(|p| p.country.as_deref()), Some("TN"));
    assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("TN"));
    // An invoice made out to a name is the buyer's; an invoice number is no party.
    let o = parse("[16:05] Moussa: facture: Quincaillerie Moderne Diop & Frères, Marché Sandaga, Dakar Sénégal\n[16:06] Moussa: merci\n");
    assert_eq!(party(&o, "buyer").map(|p| p.name.as_str()), Some("Quincaillerie Moderne Diop & Frères"));
    let o = parse("Invoice No: 2026-118\nItem: 20 pcs valves\n");
    assert!(party(&o, "buyer").is_none(), "{:?}", o.parties);
}

#[test]
fn party_label_inside_a_line_of_prose() {
    // A label that opens a sentence inside a line, in each language of the labels file.
    for (t, role, name, country) in [
        (
            "Hallo Frau Koch,\npasst so, bitte liefern. Lieferadresse wie immer: Nábytek Novák s.r.o., Průmyslová \
             14, 627 00 Brno, Tschechien.\nDanke und Gruß",
            "consignee",
            "Nábytek Novák s.r.o.",
            "CZ",
        ),
        (
            "Thanks for the offer. Consignee: Lakeside Farms Ltd, Nakuru, Kenya. Payment by LC.",
            "consignee",
            "Lakeside Farms Ltd",
            "KE",
        ),
        (
            "Merci pour votre offre. Destinataire : Clinique Al Amal SARL, Oran, Algérie.",
            "consignee",
            "Clinique Al Amal SARL",
            "DZ",
        ),
        ("Gracias. Comprador: Agro Pampa S.R.L., Rosario, Argentina.", "buyer", "Agro Pampa S.R.L.", "AR"),
        ("Спасибо. Грузополучатель: ООО «Ромашка», Казань, Россия.", "consignee", "ООО «Ромашка»", "RU"),
    ] {
        let o = parse(t);
        let p = party(&o, role).unwrap_or_else(|| panic!("{t}: no {role}: {:?}", o.parties));
        assert_eq!((p.name.as_str(), p.country.as_deref()), (name, Some(country)), "{t}");
    }
    // "Our client: ..." is the prose reader's customer, not the label "Client" (the buyer).
    let o = parse("Thanks. Our client: Al Noor Instruments, Karachi, Pakistan.");
    assert!(party(&o, "buyer").is_none(), "{:?}", o.parties);
    // A label word inside a sentence without its colon is no label.
    let o = parse("We confirm the order. Consignee details follow tomorrow.");
    assert!(party(&o, "consignee").is_none(), "{:?}", o.parties);
}

#[test]
fn combined_label_names_the_party_in_each_role() {
    let o = parse("Acheteur et destinataire : Médi Composites SARL, Zone industrielle Rouiba, 16012 Alger, Algérie.");
    for role in ["buyer", "consignee"] {
        let p = party(&o, role).unwrap_or_else(|| panic!("no {role}: {:?}", o.parties));
        assert_eq!((p.name.as_str(), p.country.as_deref()), ("Médi Composites SARL", Some("DZ")));
    }
}

#[test]
fn chinese_party_trigger_before_a_company() {
    let o = parse("货物请发往宁波港，收货人为杭州云栖酒业贸易有限公司（浙江省杭州市西湖区文三路 199 号），付款方式按合同约定以信用证支付。");
    let c = party(&o, "consignee").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert_eq!((c.name.as_str(), c.country.as_deref()), ("杭州云栖酒业贸易有限公司", Some("CN")));
    assert!(party(&o, "buyer").is_none(), "{:?}", o.parties);
    let o = parse("我们订购两台真空泵，最终用户是德黑兰帕尔斯工业有限公司，请报价。");
    let e = party(&o, "endUser").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert_eq!(e.name, "德黑兰帕尔斯工业有限公司");
}

#[test]
fn party_the_goods_are_invoiced_to() {
    for (t, name, country) in [
        (
            "Le matériel serait facturé à notre société, Atlas Scientific Services SARL, 27 boulevard d'Anfa, \
             Casablanca (Maroc), puis réexpédié par nos soins au client final.",
            "Atlas Scientific Services SARL",
            "MA",
        ),
        (
            "The goods will be invoiced to our company, Gulf Horizon Trading LLC, Dubai, and shipped on.",
            "Gulf Horizon Trading LLC",
            "AE",
        ),
        ("La mercancía será facturada a nuestra empresa, Andes Import SAC, Lima, Perú.", "Andes Import SAC", "PE"),
        ("Die Ware wird fakturiert an Donau Handel GmbH, Wien, Österreich.", "Donau Handel GmbH", "AT"),
    ] {
        let o = parse(t);
        let b = party(&o, "buyer").unwrap_or_else(|| panic!("{t}: {:?}", o.parties));
        assert_eq!((b.name.as_str(), b.country.as_deref()), (name, Some(country)), "{t}");
    }
}

#[test]
fn a_long_paragraph_is_read_sentence_by_sentence_with_the_parameters_after_the_goods() {
    let t =
        "Dear Sirs,\n\nFollowing our meeting at the trade fair in Hannover last month and the technical discussion \
             with your application engineers, we would like to order 3 units of your three-phase frequency \
             converter model XC-900 for our test bench. Each unit must deliver 50 kW continuous output power, \
             adjustable over the whole range from 700 Hz to 1 500 Hz, with a frequency control accuracy of 0.1 %. \
             The units will be installed by our own engineers in the rotating-machinery laboratory of our plant.\n\n\
             Best regards,\nJoao Silva\n";
    assert!(t.lines().any(|l| l.len() > 400));
    let o = parse(t);
    let it = o.items.first().unwrap_or_else(|| panic!("no item: {:?}", o.items));
    assert!(it.description.contains("frequency converter"), "{it:?}");
    assert_eq!(it.quantity_value, Some(3.0), "{it:?}");
    assert!(it.parameters.iter().any(|p| p.unit == "Hz" && p.value >= 1500.0), "{:?}", it.parameters);
    assert_eq!(o.items.len(), 1, "{:?}", o.items);
}

#[test]
fn issued_by_under_a_request_for_quotation_title_is_the_buyer() {
    let o = parse(
        "REQUEST FOR QUOTATION No. 77\nIssued by: Lusaka Water Company, Procurement, Lusaka, Zambia\nItem 1: valve",
    );
    let b = party(&o, "buyer").expect("the issuer is the buyer");
    assert_eq!((b.name.as_str(), b.country.as_deref()), ("Lusaka Water Company", Some("ZM")));
    // On an invoice, "Issued by" is the seller's line: not read as the buyer's label (the company may still be
    // guessed from its legal form, as any company in the text).
    let o = parse("PROFORMA INVOICE 12\nIssued by: Muster Pumpen GmbH, Berlin, Germany\nItem 1: valve");
    assert!(o.parties.iter().all(|p| p.read_from != "label"), "{:?}", o.parties);
}

#[test]
fn the_subject_of_a_letters_ordering_sentence_is_the_buyer() {
    let t = "Dear Sir,\n\nFollowing your offer, Riverside Grammar School in Nairobi, Kenya would like to order ten \
             microscopes.\n\nYours faithfully,\nJane Doe";
    let o = parse(t);
    let b = party(&o, "buyer").expect("the subject orders");
    assert_eq!((b.name.as_str(), b.country.as_deref()), ("Riverside Grammar School", Some("KE")));
    // A subject that is no name ("we"), after a name that is not the subject, names no buyer.
    let o = parse("Dear Mr Smith, we would like to order ten microscopes.");
    assert!(o.parties.iter().all(|p| !p.name.contains("Smith")), "{:?}", o.parties);
}

#[test]
fn parse_introduction_after_addressee() {
    // The addressee's name before "this is" does not count against the writer's.
    let o = parse(
        "Good morning Mr Weber, this is Jean-Bosco from Nyamasheke Hills Coffee Cooperative\nwe confirm the order",
    );
    let b = party(&o, "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(b.name.contains("Nyamasheke Hills Coffee"), "{:?}", o.parties);
}

#[test]
fn parse_rfq_from_is_the_buyer() {
    let t = "REQUEST FOR QUOTATION  RFQ-12\nFrom: Nile Electro-Mechanical Engineering Co., Giza, Egypt\nTo: Antriebstechnik Saar GmbH, Saarbrücken, Germany\n\nPlease quote 4 frequency converters.";
    let o = parse(t);
    let b = party(&o, "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(b.name.contains("Nile"), "{:?}", o.parties);
    assert_eq!(o.destination.as_deref(), Some("EG"));
    assert!(!o.parties.iter().any(|p| p.role == "buyer" && p.name.contains("Saar")), "{:?}", o.parties);
    // A proforma invoice with "From:" and "To:" keeps its sender as the seller.
    let o = parse("PROFORMA INVOICE 12\nFrom: Antriebstechnik Saar GmbH, Germany\nTo: Nile Trading Co., Cairo, Egypt\n1. converter 4 pcs");
    assert!(party(&o, "seller").is_some_and(|p| p.name.contains("Saar")), "{:?}", o.parties);
}

#[test]
fn parse_ordering_subject_after_possessive() {
    let o = parse("Hello,\n\nOur clinic SmileDent Medical Centre LLP (Almaty, Kazakhstan) confirms the order for 3 dental chairs.\n\nDelivery address: 45 Abay Avenue, Almaty, Kazakhstan.");
    let b = party(&o, "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(b.name.starts_with("SmileDent"), "{:?}", o.parties);
}

#[test]
fn parse_thread_order_message_goes_ahead() {
    // The forward inside the exporter asks to "book the order below"; the customer's message below is the order.
    let t = "From: Lena Hoffmann <l.hoffmann@aquatech-example.de>\nSubject: FW: Order\n\nHi team, please book the order below.\nLena Hoffmann | AquaTech Bremen GmbH\n\n-----Original Message-----\nFrom: Tom Gallagher <tom@oysters-example.com.au>\nSubject: Order\n\nHi Lena,\n\nwe'll go ahead with 6 x paddlewheel aerators. Ship to our shed in Dodges Ferry TAS 7173, Australia.\n\nCheers,\nTom Gallagher\nPittwater Oyster Co. Pty Ltd\n";
    let o = parse(t);
    let b = party(&o, "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(b.name.contains("Pittwater"), "{:?}", o.parties);
}
