//! The `Screener`: loaded lists, their index and the config, and the pipeline that runs on them
//! (party → candidates → scores → evidence → hits; order → parties + rules → verdict → report).

use crate::config::{cut_at, Config};
use crate::decisions::{Decision, DecisionKind, Decisions};
use crate::error::{Error, ErrorKind, Result};
use crate::index::{Index, NameRef, MAX_CANDIDATES};
use crate::listings::{ListKeys, Parties};
use crate::lists::dating::{self, AsOf, DateBasis};
use crate::lists::model::{AliasKind, EntityKind, Entry, ListInfo, LoadOptions, ParsedList};
use crate::lists::{self, demo};
use crate::normalize::{fold, name_variants, normalize, query_variants, NormName};
use crate::order::{self, Order};
use crate::report::{Evidence, Explanation, Hit, Listing, PartyReport, PartyResult, Report, SCHEMA_VERSION};
use crate::rules;
use crate::score::{self, explain, round3, weigh, NameScore};
use crate::text::identifiers::Found;
use crate::verdict;

mod evidence;
mod files;
mod ids;
mod names;
mod parties;

pub use names::{match_names, try_match_names};

pub(crate) use evidence::COMMON_NAME;
use evidence::COUNTRY_SUPPORT;
use files::{family, sha256_hex, valid_date};

/// What kind of name `match_names` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    Person,
    Organization,
    #[default]
    Any,
}

/// A party to screen.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartyQuery {
    pub name: String,
    pub address: Option<String>,
    /// ISO-2 code or a country name.
    pub country: Option<String>,
}

/// What `screen_order` accepts: pasted text, or an order object (e.g. one the user corrected on the page).
#[derive(Clone, Debug, PartialEq)]
pub enum OrderInput {
    Text(String),
    Order(Order),
}

#[derive(Clone, Debug)]
struct Loaded {
    info: ListInfo,
    entries: Vec<Entry>,
    /// What grouping entries into listed parties needs of this list (see [`crate::listings`]).
    keys: ListKeys,
}

/// Holds the loaded lists, their index and the config. Cheap to query; a load appends to the index, a removal
/// rebuilds it.
#[derive(Clone, Debug)]
pub struct Screener {
    config: Config,
    lists: Vec<Loaded>,
    index: Index,
    next_id: u32,
    /// The reviewer's decisions, applied to every result (see [`crate::decisions`]).
    decisions: Decisions,
    /// Which loaded entries are the same listed party: one hit each (see [`crate::listings`]).
    parties: Parties,
    /// The loaded entries by their identifiers (see [`ids`]).
    ids: ids::IdIndex,
}

/// The hits of one party, ranked, before anything is built for display.
struct Ranked {
    /// The normalised query variants that produced candidates.
    queries: Vec<NormName>,
    /// Entries at or above the threshold, best first.
    entries: Vec<RankedEntry>,
    /// The query's country as an ISO-2 code.
    country: Option<String>,
}

struct RankedEntry {
    /// (list, entry) of the hit.
    key: NameRef,
    /// The indexed name that scored best for the entry.
    id: u32,
    s: NameScore,
    /// Index into `Ranked::queries`.
    query: usize,
    /// Position of that query variant among the query's variants (the main name first).
    rank: usize,
    /// Final score, with the evidence adjustments.
    score: f64,
}

/// The brief result of one party for batch screening (`screenPartiesCompact`): how many hits, and the best one.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyBrief {
    /// Number of hits (as `screen_party(..).hits.len()`).
    pub hits: usize,
    pub best: Option<BriefHit>,
    /// Of those hits, how many a false-positive decision in force sets aside.
    #[serde(default)]
    pub set_aside: usize,
}

/// The best hit of a party, without its explanation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BriefHit {
    pub list_id: String,
    pub list_code: String,
    pub entry_id: String,
    /// The listed entry's primary name.
    pub name: String,
    /// The listed name or alias that matched.
    pub matched_name: String,
    pub score: f64,
    pub effect: crate::lists::model::Effect,
    /// The reviewer's decision in force on this hit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// The hit on an entry: what the report shows of it.
#[inline(never)]
fn hit_of(
    list: &Loaded,
    entry: &Entry,
    matched_name: String,
    score: f64,
    ex: Explanation,
    listings: Vec<Listing>,
) -> Hit {
    Hit {
        list_id: list.info.id.clone(),
        list: list.info.name.clone(),
        list_code: entry.list_code.to_string(),
        source: entry.source.to_string(),
        effect: entry.effect,
        entry_id: entry.id.clone(),
        name: entry.name.trim().to_string(),
        matched_name,
        score,
        kind: entry.kind,
        aliases: entry.aliases.iter().map(|a| a.name.clone()).collect(),
        countries: entry.countries.clone(),
        addresses: entry.addresses.iter().map(|a| a.full.clone()).collect(),
        programs: entry.programs.iter().map(|p| p.to_string()).collect(),
        remarks: entry.remarks.clone(),
        license_requirement: entry.license_requirement.as_deref().map(str::to_string),
        license_policy: entry.license_policy.as_deref().map(str::to_string),
        federal_register: entry.federal_register.clone(),
        source_url: entry.source_url.as_deref().map(str::to_string),
        start_date: entry.start_date.clone(),
        explanation: ex,
        decision: None,
        expired_decision: None,
        listings,
    }
}

/// Every published name and alias of a list's entries, in index order.
fn names_of(li: usize, entries: &[Entry]) -> impl Iterator<Item = (NameRef, &str)> {
    entries.iter().enumerate().flat_map(move |(ei, e)| {
        std::iter::once((NameRef { list: li as u32, entry: ei as u32, alias: None }, e.name.as_str())).chain(
            e.aliases.iter().enumerate().map(move |(ai, a)| {
                (NameRef { list: li as u32, entry: ei as u32, alias: Some(ai as u32) }, a.name.as_str())
            }),
        )
    })
}

/// ISO-2 code for a country given as a code or a name.
fn country_code(s: &str) -> Option<String> {
    crate::geo::iso2(s).map(str::to_string)
}

/// A list file read and parsed, not yet indexed (see [`Screener::load_list_owned`]).
struct ReadFile {
    parsed: ParsedList,
    /// The date the list speaks for.
    as_of: AsOf,
    /// Of the file's bytes, as loaded.
    sha256: String,
    /// The file names the list came from.
    files: Vec<String>,
    /// How messages name the file.
    label: String,
    /// What was changed on reading ([`ListInfo::warnings`]).
    warnings: Vec<String>,
}

impl Screener {
    /// A screener with the embedded demo list (unless `config.demo_list` is false).
    pub fn new(config: Config) -> Result<Screener> {
        config.validate()?;
        let mut s = Screener {
            config,
            lists: Vec::new(),
            index: Index::default(),
            next_id: 1,
            decisions: Decisions::default(),
            parties: Parties::default(),
            ids: ids::IdIndex::default(),
        };
        if s.config.demo_list {
            s.add_demo_list()?;
        }
        Ok(s)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sets the match threshold for the screenings that follow (the page's "minimum name score" control); the
    /// report records the threshold it was screened with. The loaded lists and their index stay as they are.
    pub fn set_threshold(&mut self, threshold: f64) -> Result<()> {
        let config = Config { threshold, ..self.config.clone() };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// Replaces the reviewer's decisions, judged on the day `as_of` (YYYY-MM-DD: a decision whose `expires` is
    /// before it applies nowhere). Every result that follows carries them (see [`crate::decisions`]). On error the
    /// decisions stay as they were.
    pub fn set_decisions(&mut self, decisions: Vec<Decision>, as_of: &str) -> Result<()> {
        self.decisions = Decisions::new(decisions, as_of)?;
        Ok(())
    }

    /// The decisions in force and the day they are judged on.
    pub fn decisions(&self) -> &Decisions {
        &self.decisions
    }

    /// Parses and loads a list file. On any error the loaded lists stay as they were.
    pub fn load_list(&mut self, bytes: &[u8], opts: &LoadOptions) -> Result<ListInfo> {
        let file = self.read_file(bytes, opts)?;
        self.install(file)
    }

    /// [`Screener::load_list`], taking the bytes: they are freed once parsed, before the list is indexed, so the
    /// file and the index build never hold memory together (wasm memory never shrinks, and a file is up to 15 MB).
    pub fn load_list_owned(&mut self, bytes: Vec<u8>, opts: &LoadOptions) -> Result<ListInfo> {
        let file = self.read_file(&bytes, opts)?;
        drop(bytes);
        self.install(file)
    }

    /// The parsing half of [`Screener::load_list`]: the list, its sha256, file names and label.
    fn read_file(&self, bytes: &[u8], opts: &LoadOptions) -> Result<ReadFile> {
        let label = opts.filename.clone().unwrap_or_else(|| "list file".into());
        if bytes.len() > self.config.max_list_bytes {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "{label}: {} bytes is larger than the limit of {} bytes (the maxListBytes option of the Screener \
                     config raises it)",
                    bytes.len(),
                    self.config.max_list_bytes
                ),
            ));
        }
        let user = match &opts.published {
            Some(date) => Some(valid_date(date).map_err(|e| e.context(&label))?),
            None => None,
        };
        let mut sha256 = sha256_hex(bytes);
        let (mut parsed, files, as_of) = if crate::snapshot::is_snapshot(bytes) {
            let (list, origin) = crate::snapshot::decode(bytes).map_err(|e| e.context(&label))?;
            // A snapshot stands for the official file it was made from: its ListInfo keeps that file's sha256,
            // so records made before and after a restore name the same list.
            if let Some(source) = origin.source_sha256.first().filter(|h| h.len() == 64) {
                sha256 = source.clone();
            }
            let mut as_of = origin.as_of;
            // A caller's date counts for a snapshot as for a file: where nothing better than the entries dates it.
            if let (Some(d), DateBasis::Entries | DateBasis::Unknown) = (&user, as_of.basis) {
                as_of = AsOf { date: Some(d.clone()), basis: DateBasis::User };
            }
            (list, if origin.files.is_empty() { vec![label.clone()] } else { origin.files }, as_of)
        } else {
            let list = lists::parse(bytes, opts)?;
            let as_of = dating::as_of(&list, user.as_deref());
            (list, vec![label.clone()], as_of)
        };
        if let Some(name) = &opts.name {
            parsed.name = name.clone();
        }
        if parsed.published.is_none() {
            parsed.published = user;
        }
        // Before indexing: a name longer than the limit would make it slow (snapshots are read the same way).
        let warnings = lists::cut_long_names(&mut parsed, self.config.max_field_bytes)
            .into_iter()
            .map(|w| format!("{label}: {w}"))
            .collect();
        Ok(ReadFile { parsed, as_of, sha256, files, label, warnings })
    }

    /// The indexing half of [`Screener::load_list`]: adds a parsed list, or merges a supplement into its base.
    fn install(&mut self, file: ReadFile) -> Result<ListInfo> {
        let ReadFile { parsed, as_of, sha256, files, label, warnings } = file;
        if let Some(fam) = parsed.supplement_for.clone() {
            let Some(pos) = self.lists.iter().rposition(|l| family(&l.info.format) == fam) else {
                return Err(Error::invalid(format!(
                    "{label}: this file adds addresses, aliases or remarks to an OFAC list ({fam}); load the main file (sdn.csv or cons_prim.csv) first"
                )));
            };
            let mut base = ParsedList {
                format: self.lists[pos].info.format.clone(),
                entries: self.lists[pos].entries.clone(),
                ..ParsedList::default()
            };
            lists::merge(&mut base, parsed).map_err(|e| e.context(&label))?;
            self.lists[pos].keys = ListKeys::new(&self.lists[pos].info.format, &base.entries);
            self.lists[pos].entries = base.entries;
            self.lists[pos].info.files.push(label);
            self.lists[pos].info.warnings.extend(warnings);
            self.reindex();
            return Ok(self.lists[pos].info.clone());
        }
        Ok(self.add(parsed, as_of, sha256, files, false, warnings))
    }

    fn add(
        &mut self,
        parsed: ParsedList,
        as_of: AsOf,
        sha256: String,
        files: Vec<String>,
        demo: bool,
        warnings: Vec<String>,
    ) -> ListInfo {
        let id = if demo { "demo".to_string() } else { format!("list-{}", self.next_id) };
        if !demo {
            self.next_id += 1;
        }
        let info = ListInfo {
            id,
            name: parsed.name,
            format: parsed.format,
            entries: parsed.entries.len(),
            names: 0,
            published: parsed.published,
            as_of,
            sha256,
            demo,
            files,
            warnings,
        };
        let keys = ListKeys::new(&info.format, &parsed.entries);
        self.lists.push(Loaded { info, entries: parsed.entries, keys });
        // Appends the new list's names to the index: loading N lists costs the sum of their sizes, not N rebuilds.
        let li = self.lists.len() - 1;
        let added = self.index.extend(names_of(li, &self.lists[li].entries));
        if let Some(l) = self.lists.last_mut() {
            l.info.names = added;
        }
        self.group_last();
        self.ids.extend(li as u32, &self.lists[li].entries);
        self.lists.last().map(|l| l.info.clone()).unwrap_or_default()
    }

    /// Loads the embedded demo list again (after `remove_list("demo")`, e.g. a page that set it aside while an
    /// official list was loaded). An error when it is loaded already.
    pub fn add_demo_list(&mut self) -> Result<ListInfo> {
        if self.lists.iter().any(|l| l.info.demo) {
            return Err(Error::invalid("the demo list is loaded already"));
        }
        let parsed = demo::embedded().map_err(|e| Error::new(ErrorKind::Data, e.to_string()))?;
        let as_of = dating::as_of(&parsed, None);
        let info =
            self.add(parsed, as_of, demo::DEMO_LIST_SHA256.into(), vec!["demo_list.toml".into()], true, Vec::new());
        self.config.demo_list = true;
        Ok(info)
    }

    /// Removes a loaded list (the demo list too, by its id "demo").
    pub fn remove_list(&mut self, id: &str) -> Result<()> {
        let Some(pos) = self.lists.iter().position(|l| l.info.id == id) else {
            return Err(Error::new(ErrorKind::NotFound, format!("no loaded list has the id \"{id}\"")));
        };
        let removed = self.lists.remove(pos);
        // The config in force says what a new screener needs to hold the same lists.
        if removed.info.demo {
            self.config.demo_list = false;
        }
        self.reindex();
        Ok(())
    }

    pub fn lists(&self) -> Vec<ListInfo> {
        self.lists.iter().map(|l| l.info.clone()).collect()
    }

    /// Rebuilds the whole index (after a removal or a supplement file changed a loaded list). Identical to
    /// loading the remaining lists one by one into a fresh screener.
    fn reindex(&mut self) {
        // The old index goes first so that the two never live together (wasm memory never shrinks).
        self.index = Index::default();
        self.ids = ids::IdIndex::default();
        for li in 0..self.lists.len() {
            let added = self.index.extend(names_of(li, &self.lists[li].entries));
            self.lists[li].info.names = added;
            self.ids.extend(li as u32, &self.lists[li].entries);
        }
        self.regroup();
    }

    /// The text of an indexed name: the published name or alias it comes from, or the variant of it that was
    /// indexed (the index keeps only the variant's position, see [`crate::index::IndexedName`]).
    fn name_text(&self, name: &crate::index::IndexedName) -> String {
        let Some((_, entry)) = self.entry(name.from) else { return String::new() };
        let published = match name.from.alias {
            Some(a) => entry.aliases.get(a as usize).map(|a| a.name.as_str()).unwrap_or(""),
            None => entry.name.as_str(),
        };
        name_variants(published).into_iter().nth(name.variant as usize).unwrap_or_default()
    }

    fn entry(&self, r: NameRef) -> Option<(&Loaded, &Entry)> {
        let l = self.lists.get(r.list as usize)?;
        Some((l, l.entries.get(r.entry as usize)?))
    }

    /// Screens one party against every loaded list: hits at or above the threshold, best first. A field longer
    /// than [`Config::max_field_bytes`] is screened on its first that many bytes; [`Screener::try_screen_party`]
    /// refuses it instead, with a message.
    pub fn screen_party(&self, q: &PartyQuery) -> PartyResult {
        let threshold = self.config.threshold;
        let mut hits = self.score_party(q, threshold, self.config.max_hits, &[], "");
        let decisions_as_of = self.apply_decisions(q, &mut hits);
        PartyResult { hits, threshold, decisions_as_of }
    }

    /// The hits of a party at or above `threshold` (the safety net's look at a one-word short form, which the
    /// scorer holds below the configured threshold), best first; decisions are not applied.
    pub(crate) fn screen_party_at(&self, q: &PartyQuery, threshold: f64) -> Vec<Hit> {
        self.score_party(q, threshold, self.config.max_hits, &[], "")
    }

    /// Puts the reviewer's decisions on a party's hits; the day they were judged on, when there are decisions.
    fn apply_decisions(&self, q: &PartyQuery, hits: &mut [Hit]) -> Option<String> {
        if self.decisions.is_empty() {
            return None;
        }
        let infos: Vec<ListInfo> = self.lists.iter().map(|l| l.info.clone()).collect();
        self.decisions.apply_hits(&q.name, q.country.as_deref(), hits, &infos);
        Some(self.decisions.as_of().to_string())
    }

    /// [`Screener::screen_party`] after [`Config::check_party`]: a party without a name, or with a field longer
    /// than the limit, is an error.
    pub fn try_screen_party(&self, q: &PartyQuery) -> Result<PartyResult> {
        self.config.check_party(q)?;
        Ok(self.screen_party(q))
    }

    /// Screens many parties (batch screening): one result per party, in order. The call is refused, naming the
    /// party, when there are more than [`Config::max_batch_rows`] or a field is longer than the limit.
    pub fn screen_parties(&self, qs: &[PartyQuery]) -> Result<Vec<PartyResult>> {
        self.check_batch(qs)?;
        Ok(qs.iter().map(|q| self.screen_party(q)).collect())
    }

    /// [`Screener::screen_parties`] with brief results ([`Screener::screen_party_brief`]).
    pub fn screen_parties_brief(&self, qs: &[PartyQuery]) -> Result<Vec<PartyBrief>> {
        self.check_batch(qs)?;
        Ok(qs.iter().map(|q| self.screen_party_brief(q)).collect())
    }

    fn check_batch(&self, qs: &[PartyQuery]) -> Result<()> {
        self.config.check_batch(qs.len())?;
        for (i, q) in qs.iter().enumerate() {
            self.config.check_fields(q).map_err(|e| e.context(format!("party {}", i + 1)))?;
        }
        Ok(())
    }

    /// The query with every field cut to [`Config::max_field_bytes`] (borrowed when nothing is cut): the matcher
    /// never sees a longer one, whichever entry point the caller used.
    fn bounded<'q>(&self, q: &'q PartyQuery) -> std::borrow::Cow<'q, PartyQuery> {
        let max = self.config.max_field_bytes;
        let long = |f: &Option<String>| f.as_ref().is_some_and(|f| f.len() > max);
        if q.name.len() <= max && !long(&q.address) && !long(&q.country) {
            return std::borrow::Cow::Borrowed(q);
        }
        let cut = |f: &Option<String>| f.as_deref().map(|f| cut_at(f, max).to_string());
        std::borrow::Cow::Owned(PartyQuery {
            name: cut_at(&q.name, max).to_string(),
            address: cut(&q.address),
            country: cut(&q.country),
        })
    }

    /// The hits of a party, weighed by the identifiers written under it in the order `text` (none for a party
    /// screened alone), best first.
    fn score_party(&self, q: &PartyQuery, threshold: f64, limit: usize, ids: &[&Found], order_text: &str) -> Vec<Hit> {
        let q = &*self.bounded(q);
        let ranked = self.rank_party(q, threshold);
        let query_address = q.address.as_deref().map(fold).unwrap_or_default();
        let query_address = query_address.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut hits = Vec::with_capacity(ranked.entries.len().min(limit));
        // Explanations (the costly part) only for the hits that are returned.
        for r in ranked.entries.iter().take(limit) {
            let (Some(name), Some((list, entry))) = (self.index.name(r.id), self.entry(r.key)) else { continue };
            let qn = &ranked.queries[r.query];
            let qw = weigh(qn, |t| self.index.word_weight(t));
            let text = self.name_text(name);
            let mut ex = explain(&text, qn, &qw, &normalize(&text), &self.index.weighed(name), &r.s);
            let final_score = self.adjust(&r.s, entry, qn, ranked.country.as_deref(), name, Some(&mut ex.evidence));
            if !query_address.is_empty() {
                for a in &entry.addresses {
                    if let Some(city) = a.city.as_deref().map(fold) {
                        let city = city.trim();
                        if city.len() >= 3 && query_address.contains(city) {
                            ex.evidence.push(Evidence {
                                kind: "address".into(),
                                supports: true,
                                detail: format!(
                                    "the address names {}, as the listed address does",
                                    a.city.clone().unwrap_or_default()
                                ),
                                adjustment: 0.0,
                                identifier: None,
                            });
                            break;
                        }
                    }
                }
            }
            let (matched_alias, strength) = match name.from.alias.and_then(|a| entry.aliases.get(a as usize)) {
                Some(a) => (Some(if name.derived() { AliasKind::Derived } else { a.kind }), Some(a.strength)),
                None => (if name.derived() { Some(AliasKind::Derived) } else { None }, None),
            };
            ex.matched_alias = matched_alias;
            ex.alias_strength = strength;
            let mut hit = hit_of(list, entry, text, round3(final_score), ex, self.listings_of(r.key));
            self.weigh_identifiers(&mut hit, &list.info.name, entry, ids, order_text);
            hits.push(hit);
        }
        if !ids.is_empty() {
            crate::sort::sort_by(&mut hits, |a, b| b.score.total_cmp(&a.score));
        }
        hits
    }

    /// The entries that are hits for a party, best first, with their final scores, and nothing built for display:
    /// the common first stage of full results ([`Screener::screen_party`]) and brief ones
    /// ([`Screener::screen_party_brief`]).
    fn rank_party(&self, q: &PartyQuery, threshold: f64) -> Ranked {
        let country = q.country.as_deref().and_then(country_code);
        let mut queries: Vec<NormName> = Vec::new();
        // Best name score per entry.
        let mut best: Vec<RankedEntry> = Vec::new();
        let (mut cw, mut pairs) = (Vec::new(), Vec::new());
        for (rank, variant) in query_variants(&q.name).into_iter().enumerate() {
            let qn = normalize(&variant);
            if qn.tokens.is_empty() {
                continue;
            }
            let qi = queries.len();
            {
                let qw = weigh(&qn, |t| self.index.word_weight(t));
                // A listed person's name has no company words: the query is weighed as a person's name against one.
                let mut qw_person = qw.clone();
                score::as_person(&mut qw_person);
                let qkey = crate::index::content_hash(&qn);
                // A name sharing less than this part of the query's weight cannot reach the threshold: the score is
                // at most 0.45·lo + 0.55·hi with lo at most that share (plus the evidence bonus), see `score_tokens`.
                let min_share = ((threshold - COUNTRY_SUPPORT - 0.55) / 0.45 - 0.05).clamp(0.0, 1.0);
                let mut memo = score::Memo::default();
                // A name listed on several lists, or twice on one, is the same words each time: scored once, when
                // the score used only the memo's rounded similarities, as every later scoring of it would.
                let mut alike: rustc_hash::FxHashMap<u64, (u32, bool, NameScore)> = Default::default();
                for id in self.index.candidates_memo(&qn, MAX_CANDIDATES, min_share, &mut memo) {
                    let Some(name) = self.index.name(id) else { continue };
                    self.index.weighed_into(name, &mut cw);
                    let person = self.entry(name.from).is_some_and(|(_, e)| e.kind == EntityKind::Person);
                    if person {
                        score::as_person(&mut cw);
                    }
                    let qw_kind = if person { &qw_person } else { &qw };
                    // The legal forms that ended each name, which acronyms may spell: as `match_names` scores them.
                    let tails = (qn.legal_tail.as_str(), name.legal_tail());
                    let hash = self.index.score_hash(name) ^ u64::from(person);
                    let same = alike.get(&hash).filter(|(other, p, _)| {
                        *p == person && self.index.name(*other).is_some_and(|o| self.index.score_alike(name, o))
                    });
                    let mut s = match same {
                        Some((_, _, s)) => s.clone(),
                        None => {
                            // Most names reached share a word or two with the query: those that cannot reach the
                            // threshold whatever pairs up are set aside unscored (see `score::bound`).
                            let floor = threshold - COUNTRY_SUPPORT;
                            if name.content != qkey
                                && !score::bound::may_reach(qw_kind, &cw, tails, floor, &mut memo, &mut pairs)
                            {
                                score::bound::pass(qw_kind, &cw, &mut memo);
                                continue;
                            }
                            let first_uses = memo.first_uses();
                            let s = score::score_names_tails(qkey, qw_kind, name.content, &cw, tails, &mut memo);
                            if memo.first_uses() == first_uses {
                                alike.entry(hash).or_insert_with(|| (id, person, s.clone()));
                            }
                            s
                        }
                    };
                    // One generic word with other legal forms ("BV Financial, Inc." / "FINANCIAL CORPORATION,
                    // S.A."): the names share a word, they are not one name.
                    if s.score >= 1.0
                        && score::one_generic_word(qw_kind)
                        && !score::same_legal_forms(&qn, &normalize(&self.name_text(name)))
                    {
                        s = score::score_tokens_memo(qw_kind, &cw, &mut memo);
                    }
                    if s.slip_held.is_some() {
                        score::lift_slip_with_legal_form(&mut s, &qn, &normalize(&self.name_text(name)));
                    }
                    if s.score > score::ONE_WORD_CAP && s.score < 1.0 && cw.iter().filter(|t| !t.stopword).count() == 1
                    {
                        score::hold_registered_one_word(&mut s, qw_kind, &cw, &normalize(&self.name_text(name)));
                    }
                    score::hold_registered_one_word_query(&mut s, qw_kind, &cw, &qn);
                    // A short form derived from the listed name's brackets, which the query only spells out, is held
                    // here (as `match_names` holds it) so that it never stands for the entry in place of a listed
                    // name the query matches better ("Advanced Engineering Research Organization" / "... (AERO)").
                    if name.derived() && s.score > score::ONE_WORD_CAP && score::spells_out_one_word(&s, &cw) {
                        s.score = score::ONE_WORD_CAP;
                        s.capped =
                            Some("the query spells out the initials of the listed short form, not the listed name");
                    }
                    // Evidence can add at most COUNTRY_SUPPORT: anything further below cannot become a hit.
                    if s.score + COUNTRY_SUPPORT < threshold {
                        continue;
                    }
                    let key = NameRef { alias: None, ..name.from };
                    let e = RankedEntry { key, id, s, query: qi, rank, score: 0.0 };
                    match best.iter_mut().find(|b| b.key == key) {
                        Some(b) if b.s.score >= e.s.score => {}
                        Some(b) => *b = e,
                        None => best.push(e),
                    }
                }
            }
            queries.push(qn);
        }
        best.retain_mut(|b| {
            let Some((_, entry)) = self.entry(b.key) else { return false };
            let Some(name) = self.index.name(b.id) else { return false };
            b.score = self.adjust(&b.s, entry, &queries[b.query], country.as_deref(), name, None);
            b.score >= threshold
        });
        // Best (rounded) score first; among equal scores, a match on the query's main name before one on a part of
        // it, then by list id and entry id.
        let ids = |b: &RankedEntry| self.entry(b.key).map(|(l, e)| (l.info.id.as_str(), e.id.as_str()));
        crate::sort::sort_by(&mut best, |a, b| {
            round3(b.score).total_cmp(&round3(a.score)).then(a.rank.cmp(&b.rank)).then_with(|| ids(a).cmp(&ids(b)))
        });
        Ranked { queries, entries: self.one_per_party(best), country }
    }

    /// Screens one party for batch work: the number of hits and the best one, without explanations (which are the
    /// costly part of a result). `hits` and `best` are exactly `screen_party(q).hits.len()` and its first hit;
    /// call `screen_party` for the full result of a row the user opens.
    pub fn screen_party_brief(&self, q: &PartyQuery) -> PartyBrief {
        let threshold = self.config.threshold;
        let ranked = self.rank_party(&self.bounded(q), threshold);
        let limit = self.config.max_hits;
        let decision = |r: &RankedEntry| self.party_decision(q, r.key);
        let set_aside = if self.decisions.is_empty() {
            0
        } else {
            ranked
                .entries
                .iter()
                .take(limit)
                .filter(|r| decision(r).is_some_and(|d| d.kind == DecisionKind::FalsePositive))
                .count()
        };
        let best = ranked.entries.first().and_then(|r| {
            let (name, (list, entry)) = (self.index.name(r.id)?, self.entry(r.key)?);
            Some(BriefHit {
                decision: decision(r),
                list_id: list.info.id.clone(),
                list_code: entry.list_code.to_string(),
                entry_id: entry.id.clone(),
                name: entry.name.trim().to_string(),
                matched_name: self.name_text(name),
                score: round3(r.score),
                effect: entry.effect,
            })
        });
        PartyBrief { hits: ranked.entries.len().min(limit), best, set_aside }
    }

    /// Screens a whole order: every party against the lists, then items, end use, destination and red flags.
    pub fn screen_order(&self, input: &OrderInput) -> Result<Report> {
        // The pasted text is cut into tokens once, for the parser, the rules and the safety net.
        let (order, toks) = match input {
            OrderInput::Text(t) => {
                if t.len() > self.config.max_order_bytes {
                    return Err(Error::new(
                        ErrorKind::TooLarge,
                        format!(
                            "the pasted order is {} bytes; the limit is {} bytes (screen large files as a batch instead)",
                            t.len(),
                            self.config.max_order_bytes
                        ),
                    ));
                }
                let toks = crate::text::tokens(t);
                (order::parse_tokens(t, &toks), toks)
            }
            OrderInput::Order(o) => {
                // An order object is held to the same limit as pasted text, measured as JSON.
                let size = serde_json::to_string(o).map(|j| j.len()).unwrap_or(usize::MAX);
                if size > self.config.max_order_bytes {
                    return Err(Error::new(
                        ErrorKind::TooLarge,
                        format!(
                            "the order object is {size} bytes as JSON; the limit is {} bytes (maxOrderBytes)",
                            self.config.max_order_bytes
                        ),
                    ));
                }
                // A party the caller wrote is held to the limits of a party screened alone.
                for (i, p) in o.parties.iter().enumerate() {
                    let q = PartyQuery { name: p.name.clone(), address: p.address.clone(), country: p.country.clone() };
                    self.config
                        .check_fields(&q)
                        .map_err(|e| e.context(format!("order: party {} ({})", i + 1, p.role)))?;
                }
                (o.clone(), o.text.as_deref().map(crate::text::tokens).unwrap_or_default())
            }
        };
        // Identifiers written in the order (IMO, registration, tax numbers), each with the party it is written under.
        let found = order.text.as_deref().map(crate::text::identifiers::find).unwrap_or_default();
        let owners = ids::owners(&found, &order.parties);
        let mine = ids::per_party(&found, &owners, order.parties.len());
        let parties: Vec<PartyReport> = order
            .parties
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let q = PartyQuery { name: p.name.clone(), address: p.address.clone(), country: p.country.clone() };
                let text = order.text.as_deref().unwrap_or("");
                let mut hits = self.score_party(&q, self.config.threshold, self.config.max_hits, &mine[pi], text);
                // A one-word listed name that is an ordinary word: the party's place in the order is its support
                // (the same rule as the safety net's, carried as evidence).
                if !hits.is_empty() {
                    let qn = crate::normalize::normalize(&p.name);
                    let party = Some(crate::mentions::ordinary::Support::Party);
                    hits.retain_mut(|h| crate::mentions::ordinary::vouch(&mut h.explanation.evidence, &qn, party));
                }
                PartyReport {
                    role: p.role.clone(),
                    name: p.name.clone(),
                    country: p.country.clone(),
                    address: p.address.clone(),
                    hits,
                    span: p.span.clone(),
                }
            })
            .collect();
        let mut assessment = rules::assess_tokens(&order, &parties, &self.config, Some(&toks));
        // The safety net under the parser: listed names anywhere in the text that no parsed party carries.
        let mut parties = parties;
        let (mut windows, mut text_complete) = (0, true);
        if let Some(text) = order.text.as_deref() {
            let net = crate::mentions::screen(self, text, &toks, &parties);
            if !net.complete {
                assessment.flags.push(crate::mentions::partial_flag(net.windows));
            }
            (windows, text_complete) = (net.windows, net.complete);
            parties.extend(net.parties);
            self.identifier_hits(text, &found, &owners, &mut parties);
        }
        // A clear verdict must be earned: no recipient read, no clear.
        assessment.flags.extend(crate::checks::missing_recipient(&order, &parties));
        let lists = self.lists();
        let names = lists.iter().map(|l| l.names).sum();
        let checks = crate::checks::checks(
            &order,
            &parties,
            &assessment.items,
            &assessment.flags,
            lists.len(),
            names,
            windows,
            text_complete,
        );
        let (verdict, reasons) = verdict::decide(&parties, &assessment.items, &assessment.flags, &self.config);
        let mut report = Report {
            schema_version: SCHEMA_VERSION,
            verdict,
            reasons,
            parties,
            items: assessment.items,
            flags: assessment.flags,
            checks,
            lists,
            order,
            threshold: self.config.threshold,
            version: crate::VERSION.to_string(),
            verdict_after_decisions: verdict,
            decisions_as_of: None,
        };
        if !self.decisions.is_empty() {
            self.decisions.apply_report(&mut report, &self.config);
        }
        Ok(report)
    }

    /// A compact binary snapshot of one loaded list (see [`crate::snapshot`]), loadable with `load_list`.
    pub fn snapshot(&self, id: &str) -> Result<Vec<u8>> {
        let l = self
            .lists
            .iter()
            .find(|l| l.info.id == id)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("no loaded list has the id \"{id}\"")))?;
        let list = ParsedList {
            format: l.info.format.clone(),
            name: l.info.name.clone(),
            published: l.info.published.clone(),
            entries: l.entries.clone(),
            supplement_for: None,
        };
        let origin = crate::snapshot::Origin {
            source_sha256: vec![l.info.sha256.clone()],
            files: l.info.files.clone(),
            as_of: l.info.as_of.clone(),
        };
        crate::snapshot::encode(&list, &origin)
    }

    /// The brute-force baseline (Jaro-Winkler against every indexed name): the best listed name and its
    /// similarity. Benchmarks compare the indexed screener with it in the same run.
    pub fn brute_force(&self, name: &str) -> Option<(String, f64)> {
        let (id, s) = self.index.brute_force(name)?;
        Some((self.name_text(self.index.name(id)?), s))
    }

    /// The index (for benchmarks and the evaluation).
    pub fn index(&self) -> &Index {
        &self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_party_finds_demo_entry_with_typo() {
        let s = Screener::new(Config::default()).expect("demo list loads");
        let r = s.screen_party(&PartyQuery {
            name: "M/s Hasan Scientific Corp".into(),
            address: None,
            country: Some("PK".into()),
        });
        assert_eq!(r.hits.first().map(|h| h.name.as_str()), Some("Hassan Scientific Corporation"));
    }

    #[test]
    fn remove_list_restores_state() {
        let mut s = Screener::new(Config::default()).expect("demo list loads");
        let before = s.lists();
        let e = s.remove_list("nope").expect_err("no such list");
        assert_eq!(e.kind(), &ErrorKind::NotFound);
        assert!(e.message().contains("\"nope\""), "{e}");
        assert_eq!(s.lists(), before);
        s.remove_list("demo").expect("demo list removable");
        assert!(s
            .screen_party(&PartyQuery { name: "Hassan Scientific Corporation".into(), ..Default::default() })
            .hits
            .is_empty());
    }

    #[test]
    fn load_list_owned_is_load_list() {
        let bytes = include_bytes!("../tests/fixtures/lists/example_csl.csv");
        let opts = LoadOptions { filename: Some("example_csl.csv".into()), ..LoadOptions::default() };
        let mut a = Screener::new(Config::default()).expect("demo list loads");
        let mut b = a.clone();
        let ia = a.load_list(bytes, &opts).expect("loads");
        let ib = b.load_list_owned(bytes.to_vec(), &opts).expect("loads");
        assert_eq!(ia, ib);
        assert!(ia.names > 0);
        let q = PartyQuery { name: a.lists[1].entries[0].name.clone(), ..Default::default() };
        assert_eq!(a.screen_party(&q), b.screen_party(&q));
        assert!(!a.screen_party(&q).hits.is_empty());
        let e = b.load_list_owned(b"not a list".to_vec(), &opts).expect_err("not a list");
        assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
        assert!(e.message().starts_with("example_csl.csv: "), "{e}");
        assert_eq!(a.lists(), b.lists());
    }

    #[test]
    fn match_names_exact_is_one() {
        let m = match_names("Hassan Scientific Corporation", "HASSAN SCIENTIFIC CORP.", NameKind::Any);
        assert_eq!(m.score, 1.0);
        assert!(m.is_match);
    }
}
