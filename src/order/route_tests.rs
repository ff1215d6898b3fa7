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
