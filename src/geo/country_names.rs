//! Country names as lists write them ("Korea, North", "Iran (Islamic Republic of)", "Former USSR, now Ukraine",
//! "Türkiye", "Palestinian") to ISO 3166-1 alpha-2 codes, for the parsers of formats that give names instead of
//! codes (OFAC, UN, UK, the derived JSON files). Part of `lists`, before normalisation and indexing.
//!
//! A name is reduced to its sorted bag of words (case, accents, punctuation and the words "the", "of", "and"
//! dropped), so "Congo, Democratic Republic of the" and "Democratic Republic of the Congo" meet. Kosovo is given as
//! the user-assigned code `XK`, as the UK and EU lists do.

use std::collections::HashMap;
use std::sync::OnceLock;

/// ISO-2 code, then the names and variants by which sanctions lists write the country (and a few adjectives
/// used as nationalities). One country per line.
const TABLE: &str = "\
AF|Afghanistan|Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan|Afghan
AX|Aland Islands
AL|Albania|Albanian
DZ|Algeria|Algerian
AS|American Samoa
AD|Andorra
AO|Angola|Angolan
AI|Anguilla
AQ|Antarctica
AG|Antigua and Barbuda
AR|Argentina|Argentinian|Argentine
AM|Armenia|Armenian
AW|Aruba
AU|Australia|Australian
AT|Austria|Austrian
AZ|Azerbaijan|Azerbaijani
BS|Bahamas|Bahamas, The
BH|Bahrain|Bahraini
BD|Bangladesh|Bangladeshi
BB|Barbados
BY|Belarus|Belarusian|Belrus|Byelorussia
BE|Belgium|Belgian
BZ|Belize
BJ|Benin
BM|Bermuda
BT|Bhutan
BO|Bolivia|Plurinational State of Bolivia|Bolivia (Plurinational State of)
BQ|Bonaire, Sint Eustatius and Saba|Caribbean Netherlands
BA|Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia
BW|Botswana
BV|Bouvet Island
BR|Brazil|Brazilian
IO|British Indian Ocean Territory
VG|British Virgin Islands|Virgin Islands, British
BN|Brunei|Brunei Darussalam
BG|Bulgaria|Bulgarian
BF|Burkina Faso
BI|Burundi
CV|Cabo Verde|Cape Verde
KH|Cambodia|Cambodian
CM|Cameroon
CA|Canada|Canadian
KY|Cayman Islands
CF|Central African Republic|CAR
TD|Chad|Chadian
CL|Chile|Chilean
CN|China|People's Republic of China|PRC|Chinese|Mainland China
CX|Christmas Island
CC|Cocos (Keeling) Islands|Cocos Islands
CO|Colombia|Colombian
KM|Comoros
CG|Congo|Republic of the Congo|Congo, Republic of the|Congo-Brazzaville|Congo (Republic)
CD|Democratic Republic of the Congo|Congo, Democratic Republic of the|Congo (Democratic Republic)|DRC|DR Congo|Democratic Republic of Congo|Congo-Kinshasa|Zaire
CK|Cook Islands
CR|Costa Rica
CI|Cote d'Ivoire|Cote d Ivoire|Ivory Coast
HR|Croatia|Croatian
CU|Cuba|Cuban
CW|Curacao
CY|Cyprus|Cypriot
CZ|Czechia|Czech Republic|Czech
DK|Denmark|Danish
DJ|Djibouti
DM|Dominica
DO|Dominican Republic
EC|Ecuador
EG|Egypt|Egyptian
SV|El Salvador
GQ|Equatorial Guinea
ER|Eritrea|Eritrean
EE|Estonia|Estonian
SZ|Eswatini|Swaziland
ET|Ethiopia|Ethiopian
FK|Falkland Islands|Falkland Islands (Malvinas)
FO|Faroe Islands
FJ|Fiji
FI|Finland|Finnish
FR|France|French
GF|French Guiana
PF|French Polynesia
TF|French Southern Territories
GA|Gabon
GM|Gambia|The Gambia|Gambia, The
GE|Georgia|Georgian
DE|Germany|German|Federal Republic of Germany
GH|Ghana|Ghanaian
GI|Gibraltar
GR|Greece|Greek
GL|Greenland
GD|Grenada
GP|Guadeloupe
GU|Guam
GT|Guatemala
GG|Guernsey
GN|Guinea|Guinean
GW|Guinea-Bissau
GY|Guyana
HT|Haiti|Haitian
HM|Heard Island and McDonald Islands
VA|Holy See|Vatican|Vatican City
HN|Honduras
HK|Hong Kong|China, Hong Kong Special Administrative Region|Hong Kong SAR|Hong Kong, China|Hong Kong Special Administrative Region
HU|Hungary|Hungarian
IS|Iceland
IN|India|Indian
ID|Indonesia|Indonesian
IR|Iran|Iran (Islamic Republic of)|Islamic Republic of Iran|Iranian
IQ|Iraq|Iraqi
IE|Ireland|Irish
IM|Isle of Man
IL|Israel|Israeli
IT|Italy|Italian
JM|Jamaica
JP|Japan|Japanese
JE|Jersey
JO|Jordan|Jordanian
KZ|Kazakhstan|Kazakh|Kazakhstani
KE|Kenya|Kenyan
KI|Kiribati
KP|North Korea|Korea, North|Democratic People's Republic of Korea|DPRK|Korea, Democratic People's Republic of|North Korean|Korea (Democratic People's Republic of)
KR|South Korea|Korea, South|Republic of Korea|Korea, Republic of|Korea|South Korean|Korea (Republic of)
XK|Kosovo
KW|Kuwait|Kuwaiti
KG|Kyrgyzstan|Kyrgyz Republic|Kyrgyz
LA|Laos|Lao People's Democratic Republic|Lao
LV|Latvia|Latvian
LB|Lebanon|Lebanese
LS|Lesotho
LR|Liberia|Liberian
LY|Libya|Libyan|Libyan Arab Jamahiriya
LI|Liechtenstein
LT|Lithuania|Lithuanian
LU|Luxembourg
MO|Macau|Macao|China, Macao Special Administrative Region
MG|Madagascar
MW|Malawi
MY|Malaysia|Malaysian
MV|Maldives
ML|Mali|Malian
MT|Malta|Maltese
MH|Marshall Islands
MQ|Martinique
MR|Mauritania|Mauritanian
MU|Mauritius
YT|Mayotte
MX|Mexico|Mexican
FM|Micronesia|Micronesia, Federated States of|Federated States of Micronesia
MD|Moldova|Republic of Moldova|Moldova, Republic of|Moldovan|Repubic of Moldova
MC|Monaco
MN|Mongolia|Mongolian
ME|Montenegro
MS|Montserrat
MA|Morocco|Moroccan
MZ|Mozambique
MM|Burma|Myanmar|Burmese
NA|Namibia
NR|Nauru
NP|Nepal|Nepalese
NL|Netherlands|Dutch|The Netherlands|Holland
AN|Netherlands Antilles
NC|New Caledonia
NZ|New Zealand
NI|Nicaragua|Nicaraguan
NE|Niger
NG|Nigeria|Nigerian
NU|Niue
NF|Norfolk Island
MK|North Macedonia|Macedonia|The former Yugoslav Republic of Macedonia|Republic of North Macedonia
MP|Northern Mariana Islands
NO|Norway|Norwegian
OM|Oman|Omani
PK|Pakistan|Pakistani
PW|Palau
PS|Palestine|State of Palestine|Palestinian|Palestinian Territories|Occupied Palestinian Territories|Palestinian Territory|Gaza|West Bank|Gaza Strip
PA|Panama|Panamanian
PG|Papua New Guinea
PY|Paraguay
PE|Peru|Peruvian
PH|Philippines|Filipino|Philippine
PN|Pitcairn
PL|Poland|Polish
PT|Portugal|Portuguese
PR|Puerto Rico
QA|Qatar|Qatari
RE|Reunion
RO|Romania|Romanian
RU|Russia|Russian Federation|Russian|RSFSR|Russian SFSR
RW|Rwanda|Rwandan
BL|Saint Barthelemy
SH|Saint Helena
KN|Saint Kitts and Nevis|St. Kitts and Nevis
LC|Saint Lucia|St. Lucia
MF|Saint Martin
PM|Saint Pierre and Miquelon
VC|Saint Vincent and the Grenadines|St. Vincent and the Grenadines
WS|Samoa
SM|San Marino
ST|Sao Tome and Principe
SA|Saudi Arabia|Saudi
SN|Senegal
RS|Serbia|Serbian
SC|Seychelles
SL|Sierra Leone
SG|Singapore|Singaporean
SX|Sint Maarten
SK|Slovakia|Slovak Republic|Slovak
SI|Slovenia
SB|Solomon Islands
SO|Somalia|Somali
ZA|South Africa|South African
GS|South Georgia and the South Sandwich Islands
SS|South Sudan|Republic of South Sudan
ES|Spain|Spanish
LK|Sri Lanka|Sri Lankan
SD|Sudan|Sudanese|Sundan
SR|Suriname
SJ|Svalbard and Jan Mayen
SE|Sweden|Swedish
CH|Switzerland|Swiss
SY|Syria|Syrian Arab Republic|Syrian
TW|Taiwan|Taiwan, Province of China|Chinese Taipei|Republic of China
TJ|Tajikistan|Tajik
TZ|Tanzania|United Republic of Tanzania|Tanzania, United Republic of
TH|Thailand|Thai
TL|Timor-Leste|East Timor
TG|Togo
TK|Tokelau
TO|Tonga
TT|Trinidad and Tobago
TN|Tunisia|Tunisian
TR|Turkey|Turkiye|Turkish
TM|Turkmenistan|Turkmen
TC|Turks and Caicos Islands
TV|Tuvalu
UG|Uganda|Ugandan
UA|Ukraine|Ukrainian|Crimea|Crimea Region of Ukraine
AE|United Arab Emirates|UAE|Emirati
GB|United Kingdom|UK|Great Britain|Britain|British|United Kingdom of Great Britain and Northern Ireland|England|Scotland|Wales|Northern Ireland
US|United States|United States of America|USA|U.S.A.|American
UM|United States Minor Outlying Islands
UY|Uruguay
UZ|Uzbekistan|Uzbek|Uzbekhistan
VU|Vanuatu
VE|Venezuela|Venezuela (Bolivarian Republic of)|Bolivarian Republic of Venezuela|Venezuelan
VN|Vietnam|Viet Nam|Vietnamese
VI|U.S. Virgin Islands|Virgin Islands, U.S.|US Virgin Islands
WF|Wallis and Futuna
EH|Western Sahara
YE|Yemen|Yemeni
ZM|Zambia|Zambian
ZW|Zimbabwe|Zimbabwean
";

struct Tables {
    by_key: HashMap<String, &'static str>,
    codes: Vec<&'static str>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_key = HashMap::new();
        let mut codes = Vec::new();
        for line in TABLE.lines() {
            let mut parts = line.split('|');
            let Some(code) = parts.next() else { continue };
            codes.push(code);
            for name in parts {
                by_key.entry(key(name)).or_insert(code);
            }
        }
        codes.sort_unstable();
        Tables { by_key, codes }
    })
}

/// Folds the Latin letters with diacritics that occur in country names to ASCII.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// The sorted bag of significant words of a name.
fn key(name: &str) -> String {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            cleaned.push(c);
        } else if c == '\'' || c == '’' || c == '.' {
            // "People's" -> "peoples", "U.S.A." -> "usa"
        } else {
            cleaned.push(' ');
        }
    }
    let mut words: Vec<&str> = cleaned.split_whitespace().filter(|w| !matches!(*w, "the" | "of" | "and")).collect();
    words.sort_unstable();
    words.join(" ")
}

/// True for an ISO-2 code this table knows (upper case).
pub(crate) fn is_code(code: &str) -> bool {
    tables().codes.binary_search(&code).is_ok()
}

/// ISO-2 code for a two-letter code or a country name; `None` when unknown, empty or a placeholder ("-0-",
/// "undetermined", "00").
pub(crate) fn iso2(name: &str) -> Option<&'static str> {
    let t = name.trim().trim_end_matches('.').trim();
    if t.is_empty() {
        return None;
    }
    if let [a, b] = t.as_bytes() {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            let up = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
            let up = std::str::from_utf8(&up).unwrap_or("");
            let t = tables();
            return t.codes.binary_search(&up).ok().and_then(|i| t.codes.get(i).copied());
        }
    }
    lookup(t, 0)
}

fn lookup(t: &str, depth: u8) -> Option<&'static str> {
    if depth > 3 {
        return None;
    }
    if let Some(code) = tables().by_key.get(&key(t)) {
        return Some(code);
    }
    let lower = t.to_lowercase();
    // "Former USSR, now Ukraine", "Kazakh SSR (now Kazakhstan)", "Former USSR Currently Belarus"
    for marker in ["now ", "currently "] {
        if let Some(pos) = lower.rfind(marker) {
            let rest = t.get(pos + marker.len()..).unwrap_or("").trim_end_matches(')');
            if let Some(c) = lookup(rest, depth + 1) {
                return Some(c);
            }
        }
    }
    if let Some(rest) = lower.strip_prefix("region:") {
        return lookup(rest, depth + 1);
    }
    // "Turkey (Turkiye)", "Iraq (previous address)", "Ukrainian SSR (Ukraine)": outside first, then inside.
    if let (Some(open), Some(close)) = (t.find('('), t.rfind(')')) {
        if open < close {
            let outside = format!("{} {}", t.get(..open).unwrap_or(""), t.get(close + 1..).unwrap_or(""));
            if let Some(c) = lookup(outside.trim(), depth + 1) {
                return Some(c);
            }
            if let Some(c) = lookup(t.get(open + 1..close).unwrap_or(""), depth + 1) {
                return Some(c);
            }
        }
    }
    None
}

/// Splits a UK-style numbered list "(1) Russia (2) Ukraine" into its items; a value without numbers is one item.
pub(crate) fn split_numbered(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut markers: Vec<(usize, usize)> = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'(') {
            let mut j = i + 1;
            while bytes.get(j).is_some_and(|b| b.is_ascii_digit() || *b == b'-') {
                j += 1;
            }
            if j > i + 1 && bytes.get(j) == Some(&b')') {
                markers.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    for (a, b) in markers.into_iter().chain(std::iter::once((s.len(), s.len()))) {
        let v = s.get(start..a).unwrap_or("").trim().trim_end_matches('.').trim();
        if !v.is_empty() && v != "-" && v != "to" {
            out.push(v);
        }
        start = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso2_reads_list_spellings() {
        for (name, code) in [
            ("Korea, North", "KP"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Congo, Democratic Republic of the", "CD"),
            ("Democratic Republic of the Congo", "CD"),
            ("Congo (Democratic Republic)", "CD"),
            ("Iran (Islamic Republic of)", "IR"),
            ("Türkiye", "TR"),
            ("Turkey (Turkiye)", "TR"),
            ("Palestinian", "PS"),
            ("Former USSR, now Ukraine", "UA"),
            ("Kazakh SSR (now Kazakhstan)", "KZ"),
            ("Region: Crimea", "UA"),
            ("Bahamas, The", "BS"),
            ("Bosnia-Herzegovina", "BA"),
            ("People’s Republic of China", "CN"),
            ("pk", "PK"),
            ("Iraq (previous address)", "IQ"),
            ("Russia.", "RU"),
        ] {
            assert_eq!(iso2(name), Some(code), "{name}");
        }
    }

    #[test]
    fn iso2_rejects_placeholders() {
        for name in ["", "-0-", "undetermined", "00", "Fishing Vessels", "ZZ"] {
            assert_eq!(iso2(name), None, "{name}");
        }
    }

    #[test]
    fn split_numbered_reads_uk_lists() {
        assert_eq!(split_numbered("(1) Russia (2) Ukraine"), vec!["Russia", "Ukraine"]);
        assert_eq!(split_numbered("(1) Afghanistan. (2) Pakistan"), vec!["Afghanistan", "Pakistan"]);
        assert_eq!(split_numbered("(1-3) Libya (4) Morocco"), vec!["Libya", "Morocco"]);
        assert_eq!(split_numbered("Syria"), vec!["Syria"]);
        assert!(split_numbered("  ").is_empty());
    }
}
