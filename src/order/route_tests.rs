//! Route and destination read from prose in several languages: each class of wording through [`super::parse`].

use super::*;

fn route(t: &str) -> (Option<String>, Vec<String>) {
    let o = parse(t);
    (o.destination, o.via)
}

#[test]
fn a_buyer_in_another_country_than_the_destination_is_on_the_route() {
    let (d, via) = route("Buyer: Anadolu Dis Ticaret Ltd, Istanbul, Turkey\nEnd user: Pars Machinery Co, Tehran, Iran");
    assert_eq!(d.as_deref(), Some("IR"));
    assert_eq!(via, ["TR"]);
    let (d, via) = route("Buyer: Konya Tarim A.S., Konya, Turkey\nEnd user: Konya Tarim A.S., Konya, Turkey");
    assert_eq!(d.as_deref(), Some("TR"));
    assert!(via.is_empty(), "{via:?}");
}

#[test]
fn a_time_after_a_route_word_is_no_route() {
    // "через 5 недель": in five weeks.
    let (d, via) = route("Отгрузка через 5 недель, CPT Ташкент.\nПолучатель: ООО Ипак, Узбекистан, г. Ташкент");
    assert_eq!(d.as_deref(), Some("UZ"));
    assert!(via.is_empty(), "{via:?}");
}

#[test]
fn places_joined_by_and_after_a_route_word_are_all_on_the_route() {
    let (d, via) = route("Transport per LKW ab Ihrem Werk über Polen und Belarus nach Bischkek.");
    assert_eq!(d.as_deref(), Some("KG"));
    assert_eq!(via, ["PL", "BY"]);
}

#[test]
fn goods_moved_from_one_place_to_another() {
    for (t, dest, via) in [
        ("Товар будет отправлен из Бишкека в Москву автотранспортом.", "RU", "KG"),
        ("Malzemenin Mersin'den Karaçi'ye deniz yoluyla sevk edilmesini planlıyoruz.", "PK", "TR"),
    ] {
        let (d, v) = route(t);
        assert_eq!(d.as_deref(), Some(dest), "{t}");
        assert_eq!(v, [via], "{t}");
    }
    // A place the goods leave from, with no place after it, is on the route only.
    let o = parse("Destinataire final : Centre X, Damas, Syrie – livraison par camion depuis Beyrouth.");
    assert_eq!(o.destination.as_deref(), Some("SY"));
    assert!(o.via.contains(&"LB".to_string()), "{:?}", o.via);
    // "from" in a sentence that moves nothing is not a route.
    let (_, v) = route("Greetings from Istanbul. We need 20 pumps for our plant in Ankara.");
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn a_warehouse_the_goods_pass_through_is_on_the_route() {
    let o = parse("Le matériel transitera par notre entrepôt de Genève avant livraison à Karachi.");
    assert!(o.via.contains(&"CH".to_string()), "{:?}", o.via);
    let o = parse("Die Zylinder werden über unser Lager in Litauen weitergeleitet nach Minsk.");
    assert!(o.via.contains(&"LT".to_string()), "{:?}", o.via);
}

#[test]
fn a_company_address_ends_with_its_sentence() {
    let o = parse(
        "Facturar a Zona Libre Tech Import S.A., Zona Libre de Colón, Manzana 12, Colón, Panamá. El pago lo hará una empresa relacionada en Miami.",
    );
    assert_eq!(o.destination.as_deref(), Some("PA"), "{:?}", o.parties);
}

#[test]
fn the_place_goods_go_on_from_is_on_the_route() {
    for (t, dest) in [
        (
            "Notre société est installée à Mashhad (Iran). La marchandise serait livrée à notre partenaire à Istanbul, \
             d'où nous l'acheminerions par la route.",
            "IR",
        ),
        ("End user: Pars Machinery Co, Tehran, Iran\nPlease ship to our agent in Istanbul; from there we truck it on.", "IR"),
        ("Endverwender: Pars Machinery Co, Teheran, Iran\nBitte an unseren Spediteur in Istanbul liefern, von dort per LKW weiter.", "IR"),
    ] {
        let (d, via) = route(t);
        assert_eq!(d.as_deref(), Some(dest), "{t}");
        assert!(via.iter().any(|c| c == "TR"), "{t}: {via:?}");
    }
    // Without goods moving, or a place the payment goes through, no route.
    for t in [
        "End user: Pars Machinery Co, Tehran, Iran\nOur director met your team in Istanbul; from there he flew home.",
        "End user: Pars Machinery Co, Tehran, Iran\nPayment from our account in Istanbul, from there the funds go to you.",
    ] {
        let (_, via) = route(t);
        assert!(!via.iter().any(|c| c == "TR"), "{t}: {via:?}");
    }
}

#[test]
fn a_port_district_named_after_ship_to_is_the_destination() {
    // Apapa is the port of Lagos (UN/LOCODE NGAPP); the seller's town in a chat name label is not the destination.
    let (d, _) = route(
        "[02/12/2026, 09:21] Anna (Genset Parts Bremen): same address?\n[02/12/2026, 09:23] Chinedu: Ship to Apapa yes",
    );
    assert_eq!(d.as_deref(), Some("NG"));
}

#[test]
fn a_place_after_from_there_and_a_word_of_going_on_is_the_final_destination() {
    for (t, dest, via) in [
        ("[01.02.2026 09:00] Азат: Ташкент, а оттуда партнёр отвезёт в Москву", "RU", "UZ"),
        ("Deliver to our depot in Tashkent, from there our client moves it on to Minsk.", "BY", "UZ"),
    ] {
        let (d, v) = route(t);
        assert_eq!(d.as_deref(), Some(dest), "{t}");
        assert!(v.iter().any(|c| c == via), "{t}: {v:?}");
    }
    // "From there" with no place after it says nothing about where the goods end.
    let (d, _) = route("Buyer: Nordic AS, Oslo, Norway\nWe collect at your plant; from there we handle everything.");
    assert_eq!(d.as_deref(), Some("NO"));
}

#[test]
fn a_place_after_a_word_of_direction_in_a_sentence_moving_goods_is_the_destination() {
    for (t, dest) in [
        ("Alpen Handel AG\nZürich\n\nWir bestellen eine Presse. Unser Spediteur wird sie nach Teheran bringen.", "IR"),
        ("Atlas Négoce SARL, Casablanca\n\nLa machine sera acheminée vers Damas par la route.", "SY"),
    ] {
        assert_eq!(route(t).0.as_deref(), Some(dest), "{t}");
    }
    // Without goods being moved, "nach" is no direction of the goods.
    let (d, _) = route("Alpen Handel AG, Zürich, Schweiz\n\nNach Rücksprache mit Wien bestellen wir eine Presse.");
    assert_eq!(d.as_deref(), Some("CH"));
}

#[test]
fn a_city_name_several_countries_share_is_placed_by_the_region_after_it() {
    let o = parse("Please deliver to Hacienda El Roble S.A.S., Madrid, Cundinamarca, via Cartagena.");
    let p = o.parties.iter().find(|p| p.role == "consignee").expect("consignee");
    assert_eq!(p.name, "Hacienda El Roble S.A.S.");
    assert_eq!(p.country.as_deref(), Some("CO"));
    assert_eq!(o.destination.as_deref(), Some("CO"));
    // Without the region, the city is where it is most often.
    let o = parse("Please deliver to Ferreteria Sol S.L., Madrid, via Valencia.");
    assert_eq!(o.destination.as_deref(), Some("ES"));
}

#[test]
fn names_keep_their_lower_case_connectors_and_elided_articles() {
    for (t, name, country) in [
        (
            "Le client final est le Laboratoire d'Optique et de Physique (LOP), Alep, pour ses essais.",
            "Laboratoire d'Optique et de Physique (LOP)",
            "SY",
        ),
        ("Please ship to Casa de la Moneda Ltda, Lima, Peru.", "Casa de la Moneda Ltda", "PE"),
    ] {
        let o = parse(t);
        let p = o.parties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{t}: {:?}", o.parties));
        assert_eq!(p.country.as_deref(), Some(country), "{t}");
    }
}

#[test]
fn a_name_in_the_turkish_dative_before_a_verb_of_going_is_the_consignee() {
    let o = parse("[02.03.2026 11:00] Ali: ürünler Uralvagonzavod'a gidecek, Yekaterinburg.");
    let p = o.parties.iter().find(|p| p.role == "consignee").expect("consignee");
    assert_eq!(p.name, "Uralvagonzavod");
    assert_eq!(p.country.as_deref(), Some("RU"));
    assert_eq!(o.destination.as_deref(), Some("RU"));
    // A place in the dative is a place, not a party.
    let o = parse("Malzeme Rusya'ya gidecek.");
    assert!(o.parties.is_empty(), "{:?}", o.parties);
}

#[test]
fn a_salutation_to_the_reader_introduces_nobody() {
    let o = parse("Dear Mr. de Vries,\nplease send 20 pallets of tiles.\nBest regards");
    assert!(o.parties.iter().all(|p| !p.name.contains("Vries")), "{:?}", o.parties);
    let o = parse("Hello, this is Farid from Caspian Tech Supply, Baku.\nWe need 10 pumps.");
    assert!(o.parties.iter().any(|p| p.role == "buyer" && p.name.contains("Caspian Tech Supply")), "{:?}", o.parties);
}

#[test]
fn a_chat_answer_to_where_the_goods_go_names_the_consignee() {
    let chat = "[01.03.26, 10:00] Olga: Нужны 20 насосов\n[01.03.26, 10:05] Петер (Pumpen AG): Куда доставка?\n\
                [01.03.26, 10:07] Olga: Бишкек, ОсОО \"Ала-Тоо Трейд\", а оттуда клиент заберёт в Казань";
    let o = parse(chat);
    let p = o.parties.iter().find(|p| p.role == "consignee").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(p.name.contains("Ала-Тоо Трейд"), "{}", p.name);
    assert_eq!(p.country.as_deref(), Some("KG"));
    assert_eq!(o.destination.as_deref(), Some("RU"));
    let chat = "[01.03.26, 10:00] Ana: 40 cajas de vino\n[01.03.26, 10:05] Luis (Bodegas Sur): ¿entrega en la tienda de siempre?\n\
                [01.03.26, 10:07] Ana: Sí, Vinoteca La Cava, Av. Reforma 10, Guadalajara";
    let o = parse(chat);
    let p = o.parties.iter().find(|p| p.role == "consignee").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert!(p.name.starts_with("Vinoteca La Cava"), "{}", p.name);
    assert_eq!(p.country.as_deref(), Some("MX"));
    // A question about something else is no question about a party.
    let chat = "[01.03.26, 10:00] Ana: 40 cajas de vino\n[01.03.26, 10:05] Luis: ¿precio como siempre?\n\
                [01.03.26, 10:07] Ana: Sí, Vinoteca La Cava";
    assert!(parse(chat).parties.iter().all(|p| p.role != "consignee"));
}

#[test]
fn the_body_that_invites_offers_is_the_buyer() {
    let t = "REPUBLIC OF KENYA\nKENYA PORTS AUTHORITY – PROCUREMENT DIVISION\nTender No. 4/2026\n\n\
             The Authority invites bids for the supply of 12 forklift trucks.\nDelivery to Mombasa.";
    let o = parse(t);
    let p = o.parties.iter().find(|p| p.role == "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
    assert_eq!(p.name, "KENYA PORTS AUTHORITY");
    assert_eq!(p.country.as_deref(), Some("KE"));
    let o = parse("Nairobi Water Company invites quotations for 40 valves.");
    assert!(o.parties.iter().any(|p| p.role == "buyer" && p.name == "Nairobi Water Company"), "{:?}", o.parties);
}

#[test]
fn a_place_the_goods_reach_first_is_on_the_route() {
    let (d, via) = route("We cannot ship to Iran directly.\nOk, send to my office in Dubai first, we move it.");
    assert_eq!(d.as_deref(), Some("IR"));
    assert_eq!(via, ["AE"]);
    let (d, _) = route("Please send to our office in Dubai, thank you.");
    assert_eq!(d.as_deref(), Some("AE"));
}
