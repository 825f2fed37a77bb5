//! Stories and articles: what each story is about, and how an outlet writes it.

use std::cell::RefCell;
use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

use crate::data::{Language, Resources};
use crate::format::{
    capitalize_first, date_long, date_range, date_short, fill_simple, fill_with, group_thousands, number_word,
    relative_date, slug, strip_accents,
};
use crate::rng::SplitMix64;
use crate::GenConfig;

// Salts keep the random streams of different purposes independent.
const SALT_STORY: u64 = 0x5354_4F52;
const SALT_ARTICLE: u64 = 0x4152_5449;
const SALT_COPY: u64 = 0x434F_5059;
const SALT_LANG: u64 = 0x4C41_4E47;
const SALT_RENDER: u64 = 0x5245_4E44;

/// Everything that is true of a story, independent of the language it is told in.
#[derive(Debug, Clone)]
pub(crate) struct StoryPlan {
    pub kind: usize,
    pub home: usize,
    pub dest: usize,
    pub actor_female: bool,
    pub actor_first: usize,
    pub actor_last: usize,
    pub office: usize,
    pub second_female: bool,
    pub second_first: usize,
    pub second_last: usize,
    pub second_office: usize,
    pub org_root: usize,
    pub org_suffix: usize,
    pub sector: usize,
    pub sector2: usize,
    pub event_date: NaiveDate,
    pub duration: u64,
    pub count: u64,
    pub pct: u64,
    pub amount_millions: u64,
    pub trade_millions: u64,
    pub growth_pct: u64,
    pub amount_local_billions: u64,
    pub capacity_tonnes: u64,
    pub households: u64,
    pub casualties: u64,
    pub injured: u64,
    pub jobs: u64,
}

pub(crate) fn plan_story(res: &Resources, config: &GenConfig, story: usize) -> StoryPlan {
    let mut rng = SplitMix64::for_item(config.seed, SALT_STORY, story as u64);
    let places = res.languages.first().map_or(0, |l| l.places.len());
    let sectors = res.languages.first().map_or(0, |l| l.sectors.len());
    let offices = res.languages.first().map_or(0, |l| l.offices.len());
    let spokes = res
        .languages
        .iter()
        .map(|l| l.spokesperson_offices.len())
        .min()
        .unwrap_or(0);
    let home = rng.below(places);
    // The destination differs from home: shift by a non-zero amount.
    let dest = (home + 1 + rng.below(places.saturating_sub(1).max(1))) % places.max(1);
    let sector = rng.below(sectors);
    let sector2 = (sector + 1 + rng.below(sectors.saturating_sub(1).max(1))) % sectors.max(1);
    let day_offset = rng.range(0, u64::from(config.days.max(1)) - 1);
    let event_date = config
        .start_date
        .checked_add_days(Days::new(day_offset))
        .unwrap_or(config.start_date);
    StoryPlan {
        kind: rng.below(res.event_kinds.len()),
        home,
        dest,
        actor_female: rng.chance(0.4),
        actor_first: rng.next_u64() as usize,
        actor_last: rng.below(res.names.last_names.len()),
        office: rng.below(offices),
        second_female: rng.chance(0.4),
        second_first: rng.next_u64() as usize,
        second_last: rng.below(res.names.last_names.len()),
        second_office: rng.below(spokes),
        org_root: rng.below(res.names.org_roots.len()),
        org_suffix: rng.below(res.names.org_suffixes.len()),
        sector,
        sector2,
        event_date,
        duration: rng.range(3, 6),
        count: rng.range(2, 5),
        pct: rng.range(51, 75),
        amount_millions: rng.range(4, 180) * 5,
        trade_millions: rng.range(20, 900) * 5,
        growth_pct: rng.range(3, 40),
        amount_local_billions: rng.range(2, 60),
        capacity_tonnes: rng.range(2, 100) * 5000,
        households: rng.range(5, 200) * 100,
        casualties: rng.range(5, 80),
        injured: rng.range(10, 200),
        jobs: rng.range(4, 60) * 50,
    }
}

/// Which article index `i` copies, if it is a copy. Article `i` belongs to
/// story `i % stories`, so earlier articles of the same story are found by
/// stepping back `stories` at a time, in O(1) memory.
pub(crate) fn original_of(config: &GenConfig, index: usize) -> Option<usize> {
    let stories = config.stories.max(1);
    if !is_copy(config, index) {
        return None;
    }
    let mut rng = SplitMix64::for_item(config.seed, SALT_COPY ^ 1, index as u64);
    let back = 1 + rng.below(3);
    let mut candidate = index
        .checked_sub(stories.saturating_mul(back))
        .unwrap_or(index % stories);
    // Copies copy originals, never other copies: step back to one, bounded.
    for _ in 0..64 {
        if !is_copy(config, candidate) {
            return Some(candidate);
        }
        match candidate.checked_sub(stories) {
            Some(c) => candidate = c,
            None => break,
        }
    }
    Some(index % stories)
}

fn is_copy(config: &GenConfig, index: usize) -> bool {
    // The first article of each story is always an original.
    if index < config.stories.max(1) {
        return false;
    }
    SplitMix64::for_item(config.seed, SALT_COPY, index as u64).unit() < config.copy_rate.clamp(0.0, 1.0)
}

pub(crate) fn language_of_original(res: &Resources, config: &GenConfig, index: usize) -> usize {
    let mut rng = SplitMix64::for_item(config.seed, SALT_LANG, index as u64);
    let french = res.languages.iter().position(|l| l.code == "fr").unwrap_or(0);
    let other = res.languages.iter().position(|l| l.code != "fr").unwrap_or(french);
    if rng.unit() < config.french_share.clamp(0.0, 1.0) {
        french
    } else {
        other
    }
}

/// The text an outlet wrote, before scrape noise: shared by all copies of it.
#[derive(Debug, Clone)]
pub(crate) struct Core {
    pub lang: usize,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub published: NaiveDate,
    pub outlet: usize,
    pub author: String,
    /// The title templates not used, for retitled copies.
    pub title_index: usize,
    /// A sentence a reprint may add at the end.
    pub extra: String,
    /// The agency sign-off line, kept apart so shortened reprints keep it.
    pub signoff: Option<String>,
    /// Facts this outlet states differently from the story's truth (`start_date`, `count`, ...).
    pub deviations: Vec<String>,
    /// The deviation itself, so a retitled reprint keeps the dispatch's numbers.
    pub deviation: Deviation,
}

/// How an outlet deviates from the facts of the story, so that outlets disagree.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Deviation {
    start_shift: u64,
    count_delta: i64,
    casualties_delta: u64,
    duration_delta: i64,
}

struct Context<'a> {
    res: &'a Resources,
    lang: &'a Language,
    plan: &'a StoryPlan,
    published: NaiveDate,
    deviation: Deviation,
    misspelt: bool,
    outlet: &'a str,
    /// Which deviating facts the text actually states, so the truth lists only those.
    stated: RefCell<BTreeSet<String>>,
}

impl Context<'_> {
    fn event_start(&self) -> NaiveDate {
        self.plan
            .event_date
            .checked_add_days(Days::new(self.deviation.start_shift))
            .unwrap_or(self.plan.event_date)
    }
    fn duration(&self) -> u64 {
        (self.plan.duration as i64 + self.deviation.duration_delta).max(1) as u64
    }
    fn count(&self) -> u64 {
        (self.plan.count as i64 + self.deviation.count_delta).max(2) as u64
    }
    fn actor_full(&self) -> String {
        let first = first_name(self.res, self.plan.actor_female, self.plan.actor_first);
        format!("{first} {}", self.actor_last())
    }
    fn actor_last(&self) -> String {
        let last = self
            .res
            .names
            .last_names
            .get(self.plan.actor_last)
            .cloned()
            .unwrap_or_default();
        if self.misspelt {
            misspell(&last)
        } else {
            last
        }
    }
    fn second_full(&self) -> String {
        let first = first_name(self.res, self.plan.second_female, self.plan.second_first);
        format!("{first} {}", self.second_last())
    }
    fn second_last(&self) -> String {
        self.res
            .names
            .last_names
            .get(self.plan.second_last)
            .cloned()
            .unwrap_or_default()
    }
    fn place(&self, index: usize) -> Option<&crate::data::Place> {
        self.lang.places.get(index)
    }
    fn money(&self, millions: u64) -> String {
        fill_simple(
            &self.lang.numbers.money_millions,
            &[("n", group_thousands(millions, &self.lang.numbers.thousands_sep))],
        )
    }
    fn percent(&self, n: u64) -> String {
        fill_simple(&self.lang.numbers.percent, &[("n", n.to_string())])
    }

    /// The deviating facts the text states, by name.
    fn deviations(&self) -> Vec<String> {
        let stated = self.stated.borrow();
        let says = |names: &[&str]| names.iter().any(|n| stated.contains(*n));
        let mut out = Vec::new();
        if self.deviation.start_shift > 0 && says(&["date", "rel", "range", "end_short"]) {
            out.push("start_date".to_string());
        }
        if self.duration() != self.plan.duration && says(&["duration", "duration_adj", "range", "end_short"]) {
            out.push("duration".to_string());
        }
        if self.count() != self.plan.count && says(&["count"]) {
            out.push("count".to_string());
        }
        if self.deviation.casualties_delta > 0 && says(&["casualties"]) {
            out.push("casualties".to_string());
        }
        out
    }

    /// The value of one placeholder. `rng` varies the name forms used.
    fn value(&self, name: &str, rng: &mut SplitMix64) -> Option<String> {
        let plan = self.plan;
        let lang = self.lang;
        let home = self.place(plan.home)?;
        let dest = self.place(plan.dest)?;
        let start = self.event_start();
        let end = start
            .checked_add_days(Days::new(self.duration().saturating_sub(1)))
            .unwrap_or(start);
        let year = chrono::Datelike::year(&start);
        Some(match name {
            "actor" => match rng.below(10) {
                0 => strip_accents(&self.actor_full()),
                1..=3 => self.actor_last(),
                _ => self.actor_full(),
            },
            "actor_full" => self.actor_full(),
            "actor_last" => self.actor_last(),
            "office" => lang.offices.get(plan.office)?.get(plan.actor_female).to_string(),
            "the_office" => format!(
                "{} {}",
                lang.grammar.the(plan.actor_female),
                lang.offices.get(plan.office)?.get(plan.actor_female)
            ),
            "of_the_office" => format!(
                "{} {}",
                lang.grammar.of_the(plan.actor_female),
                lang.offices.get(plan.office)?.get(plan.actor_female)
            ),
            "e" => lang.grammar.agree(plan.actor_female).to_string(),
            "his" => lang.grammar.his(plan.actor_female).to_string(),
            "second_full" => self.second_full(),
            "second_last" => self.second_last(),
            "second_office" => lang
                .spokesperson_offices
                .get(plan.second_office)?
                .get(plan.second_female)
                .to_string(),
            "the_second_office" => format!(
                "{} {}",
                lang.grammar.the(plan.second_female),
                lang.spokesperson_offices
                    .get(plan.second_office)?
                    .get(plan.second_female)
            ),
            "org" => format!(
                "{} {}",
                self.res.names.org_roots.get(plan.org_root)?,
                self.res.names.org_suffixes.get(plan.org_suffix)?
            ),
            "city" => home.city.clone(),
            "country" => home.country.clone(),
            "demonym" => home.demonym.clone(),
            "of_country" => home.of_country.clone(),
            "in_country" => home.in_country.clone(),
            "dest_city" => dest.city.clone(),
            "dest_country" => dest.country.clone(),
            "dest_demonym" => dest.demonym.clone(),
            "in_dest_country" => dest.in_country.clone(),
            "date" => date_long(lang, start),
            "end_short" => date_short(lang, end),
            "rel" => relative_date(lang, start, self.published),
            "range" => date_range(lang, start, end),
            "duration" => format!("{} {}", number_word(lang, self.duration()), lang.calendar.days_unit),
            "duration_adj" => fill_simple(
                &lang.calendar.duration_adj,
                &[("n", number_word(lang, self.duration()))],
            ),
            "count" => number_word(lang, self.count()),
            "pct" => self.percent(plan.pct),
            "pct_rest" => self.percent(100 - plan.pct.min(100)),
            "amount" => self.money(plan.amount_millions),
            "trade_amount" => self.money(plan.trade_millions),
            "growth_pct" => self.percent(plan.growth_pct),
            "amount_local" => fill_simple(
                &lang.numbers.money_billions_local,
                &[
                    ("n", plan.amount_local_billions.to_string()),
                    ("currency", home.currency.clone()),
                ],
            ),
            "capacity" => fill_simple(
                &lang.numbers.tonnes_per_year,
                &[("n", group_thousands(plan.capacity_tonnes, &lang.numbers.thousands_sep))],
            ),
            "capacity_plain" => group_thousands(plan.households, &lang.numbers.thousands_sep),
            "casualties" => (plan.casualties + self.deviation.casualties_delta).to_string(),
            "injured" => plan.injured.to_string(),
            "jobs" => group_thousands(plan.jobs, &lang.numbers.thousands_sep),
            "prev_year" => (year - 1 - (plan.count as i32 % 3)).to_string(),
            "next_year" => (year + 1 + (plan.count as i32 % 2)).to_string(),
            "year" => year.to_string(),
            "sector" => lang.sectors.get(plan.sector)?.clone(),
            "sector2" => lang.sectors.get(plan.sector2)?.clone(),
            "outlet" => self.outlet.to_string(),
            _ => return None,
        })
    }

    fn fill(&self, template: &str, rng: &mut SplitMix64) -> String {
        let mut local = rng.clone();
        let text = fill_with(template, |name| {
            let value = self.value(name, &mut local);
            if value.is_some() {
                self.stated.borrow_mut().insert(name.to_string());
            }
            value
        });
        *rng = local;
        capitalize_first(&text)
    }
}

/// Drops one inner letter of a name, as a hurried writer does.
fn misspell(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 5 {
        return name.to_string();
    }
    let drop = chars.len() - 2;
    chars
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != drop)
        .map(|(_, c)| *c)
        .collect()
}

/// A first name of the given gender; `pick` is any number, reduced to the list's length.
fn first_name(res: &Resources, female: bool, pick: usize) -> String {
    let names = if female {
        &res.names.female_first_names
    } else {
        &res.names.male_first_names
    };
    names.get(pick % names.len().max(1)).cloned().unwrap_or_default()
}

fn person(res: &Resources, rng: &mut SplitMix64) -> String {
    let female = rng.chance(0.5);
    let pick = rng.next_u64() as usize;
    let first = first_name(res, female, pick);
    let last = rng.pick(&res.names.last_names).cloned().unwrap_or_default();
    format!("{first} {last}")
}

/// The original text of article `index`, written by one outlet.
pub(crate) fn original_core(res: &Resources, config: &GenConfig, index: usize) -> Core {
    let stories = config.stories.max(1);
    let story = index % stories;
    let plan = plan_story(res, config, story);
    let lang_index = language_of_original(res, config, index);
    let lang = match res.languages.get(lang_index) {
        Some(l) => l,
        None => return empty_core(),
    };
    let mut rng = SplitMix64::for_item(config.seed, SALT_ARTICLE, index as u64);
    let published = plan
        .event_date
        .checked_add_days(Days::new(rng.range(0, 3)))
        .unwrap_or(plan.event_date);
    let outlet_index = rng.below(lang.outlets.len());
    let outlet = lang.outlets.get(outlet_index).map(String::as_str).unwrap_or("");
    // The first outlet of a story tells it straight; the others may deviate.
    let mut deviation = Deviation::default();
    if index >= stories {
        if rng.chance(0.15) {
            deviation.start_shift = 1;
        }
        if rng.chance(0.15) {
            deviation.count_delta = if rng.chance(0.5) { -1 } else { 1 };
        }
        if rng.chance(0.2) {
            deviation.casualties_delta = rng.range(1, 6);
        }
        if rng.chance(0.15) {
            deviation.duration_delta = -1;
        }
    }
    let ctx = Context {
        res,
        lang,
        plan: &plan,
        published,
        deviation,
        misspelt: index >= stories && rng.chance(0.05),
        outlet,
        stated: RefCell::new(BTreeSet::new()),
    };
    let kind_name = res.event_kinds.get(plan.kind).map(String::as_str).unwrap_or("");
    let Some(events) = lang.events.get(kind_name) else {
        return empty_core();
    };
    let title_index = rng.below(events.titles.len());
    let title = ctx.fill(
        events.titles.get(title_index).map(String::as_str).unwrap_or(""),
        &mut rng,
    );

    // Sentences: a lead, the event's facts in random order with quotes among
    // them, then background until the article reaches its target size.
    let target = rng.range(1000, 4500) as usize;
    let mut sentences: Vec<String> = Vec::new();
    if let Some(lead) = rng.pick(&events.leads) {
        sentences.push(ctx.fill(lead, &mut rng));
    }
    let body_order = rng.permutation(events.body.len());
    let quote_order = rng.permutation(events.quotes.len());
    let mut quotes = quote_order.iter().filter_map(|&q| events.quotes.get(q));
    for (n, &b) in body_order.iter().enumerate() {
        if let Some(s) = events.body.get(b) {
            sentences.push(ctx.fill(s, &mut rng));
        }
        if n % 3 == 1 {
            if let Some(q) = quotes.next() {
                sentences.push(quote_sentence(&ctx, q, &mut rng));
            }
        }
    }
    // Context: sentences proper to the event kind first, then generic ones.
    let mut background_pool: Vec<&String> = Vec::new();
    for i in rng.permutation(events.background.len()) {
        background_pool.extend(events.background.get(i));
    }
    for i in rng.permutation(lang.generic.background.len()) {
        background_pool.extend(lang.generic.background.get(i));
    }
    let mut background = background_pool.into_iter();
    let mut size: usize = sentences.iter().map(|s| s.len() + 1).sum();
    // Background is capped so that facts, not filler, make most of an article.
    let mut background_used = 0;
    while size < target && background_used < 8 {
        background_used += 1;
        let Some(s) = background.next().or_else(|| quotes.next()) else {
            break;
        };
        let s = if s.contains('{') {
            ctx.fill(s, &mut rng)
        } else {
            quote_or_plain(&ctx, s, events, &mut rng)
        };
        size += s.len() + 1;
        sentences.push(s);
    }
    // Cut to the target so short articles stay short, keeping the lead.
    let mut kept = Vec::new();
    let mut kept_size = 0;
    for s in sentences {
        if kept_size >= target && kept.len() >= 4 {
            break;
        }
        kept_size += s.len() + 1;
        kept.push(s);
    }
    let extra = background.next().cloned().unwrap_or_default();

    let mut paragraphs = Vec::new();
    let mut iter = kept.into_iter().peekable();
    while iter.peek().is_some() {
        let take = 1 + rng.below(3);
        let para: Vec<String> = iter.by_ref().take(take).collect();
        paragraphs.push(para.join(" "));
    }

    // Wire dispatches open with a dateline and close with a sign-off.
    let mut signoff = None;
    if rng.chance(0.4) {
        let agency = rng.pick(&lang.noise.agencies).cloned().unwrap_or_default();
        // The dateline names where the event happens: abroad for a visit or a summit.
        let where_index = if events.abroad { plan.dest } else { plan.home };
        let city = ctx.place(where_index).map(|p| p.city.clone()).unwrap_or_default();
        if let Some(first) = paragraphs.first_mut() {
            let dateline = fill_simple(
                &lang.noise.agency_dateline,
                &[("city", city.to_uppercase()), ("agency", agency.clone())],
            );
            *first = format!("{dateline} {first}");
        }
        let author = person(res, &mut rng);
        let author2 = person(res, &mut rng);
        let form = rng.pick(&lang.noise.agency_signoff).cloned().unwrap_or_default();
        signoff = Some(fill_simple(
            &form,
            &[
                ("agency", agency),
                ("initials", initials(&author)),
                ("initials2", initials(&author2).to_lowercase()),
                ("author", author),
                ("author2", author2),
            ],
        ));
    }
    // Scrapes sometimes break a sentence across two lines.
    if rng.chance(0.3) && paragraphs.len() > 2 {
        let which = 1 + rng.below(paragraphs.len() - 1);
        if let Some(p) = paragraphs.get_mut(which) {
            if let Some(cut) = break_point(p) {
                p.replace_range(cut..cut + 1, "\n");
            }
        }
    }

    Core {
        lang: lang_index,
        title,
        paragraphs,
        published,
        outlet: outlet_index,
        author: person(res, &mut rng),
        title_index,
        extra,
        signoff,
        deviations: ctx.deviations(),
        deviation,
    }
}

fn quote_or_plain(ctx: &Context<'_>, s: &str, events: &crate::data::EventTemplates, rng: &mut SplitMix64) -> String {
    if events.quotes.iter().any(|q| q == s) {
        quote_sentence(ctx, s, rng)
    } else {
        s.to_string()
    }
}

fn quote_sentence(ctx: &Context<'_>, quote: &str, rng: &mut SplitMix64) -> String {
    let speaker = if rng.chance(0.6) {
        let female = ctx.plan.actor_female;
        let office = ctx
            .lang
            .offices
            .get(ctx.plan.office)
            .map(|o| o.get(female))
            .unwrap_or("");
        fill_simple(
            &ctx.lang.grammar.speaker,
            &[
                ("the_office", format!("{} {office}", ctx.lang.grammar.the(female))),
                ("office", office.to_string()),
                ("name", ctx.actor_full()),
            ],
        )
    } else {
        ctx.second_full()
    };
    let form = rng.pick(&ctx.lang.generic.quote_forms).cloned().unwrap_or_default();
    capitalize_first(&fill_simple(
        &form,
        &[("quote", quote.to_string()), ("speaker", speaker)],
    ))
}

/// A space near the middle of a paragraph, where a scrape could break the line.
fn break_point(p: &str) -> Option<usize> {
    let mid = p.len() / 2;
    p.char_indices()
        .filter(|(i, c)| *c == ' ' && *i >= mid)
        .map(|(i, _)| i)
        .next()
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase()
}

fn empty_core() -> Core {
    Core {
        lang: 0,
        title: String::new(),
        paragraphs: Vec::new(),
        published: NaiveDate::MIN,
        outlet: 0,
        author: String::new(),
        title_index: 0,
        extra: String::new(),
        signoff: None,
        deviations: Vec::new(),
        deviation: Deviation::default(),
    }
}

/// How a reprint differs from the dispatch it copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CopyKind {
    Full,
    Shortened,
    Retitled,
    Extended,
}

/// The core of a copy of `original`, by article `index`.
pub(crate) fn copy_core(res: &Resources, config: &GenConfig, original: &Core, index: usize) -> Core {
    let mut rng = SplitMix64::for_item(config.seed, SALT_ARTICLE, index as u64);
    let mut core = original.clone();
    let outlets = res.languages.get(original.lang).map_or(1, |l| l.outlets.len().max(1));
    core.outlet = (original.outlet + 1 + rng.below(outlets.saturating_sub(1).max(1))) % outlets;
    core.published = original
        .published
        .checked_add_days(Days::new(rng.range(0, 1)))
        .unwrap_or(original.published);
    core.author = person(res, &mut rng);
    let body_len: usize = core.paragraphs.iter().map(String::len).sum();
    let kind = match rng.below(4) {
        0 => CopyKind::Full,
        1 if body_len > 2200 && core.paragraphs.len() > 3 => CopyKind::Shortened,
        1 => CopyKind::Full,
        2 => CopyKind::Retitled,
        _ => CopyKind::Extended,
    };
    match kind {
        CopyKind::Full => {}
        CopyKind::Shortened => {
            let keep = (core.paragraphs.len() * 3 / 5).max(2);
            core.paragraphs.truncate(keep);
        }
        CopyKind::Retitled => {
            if let Some(lang) = res.languages.get(original.lang) {
                let plan = plan_story(res, config, index % config.stories.max(1));
                let kind_name = res.event_kinds.get(plan.kind).map(String::as_str).unwrap_or("");
                if let Some(events) = lang.events.get(kind_name) {
                    let n = events.titles.len().max(1);
                    let other = (original.title_index + 1 + rng.below(n.saturating_sub(1).max(1))) % n;
                    let ctx = Context {
                        res,
                        lang,
                        plan: &plan,
                        published: core.published,
                        deviation: original.deviation,
                        misspelt: false,
                        outlet: "",
                        stated: RefCell::new(BTreeSet::new()),
                    };
                    if let Some(t) = events.titles.get(other) {
                        core.title = ctx.fill(t, &mut rng);
                    }
                }
            }
        }
        CopyKind::Extended => {
            if !core.extra.is_empty() {
                core.paragraphs.push(core.extra.clone());
            }
        }
    }
    core
}

/// The article as scraped: noise lines around the paragraphs and sign-off.
pub(crate) fn render(res: &Resources, config: &GenConfig, core: &Core, index: usize) -> String {
    let Some(lang) = res.languages.get(core.lang) else {
        return String::new();
    };
    let mut rng = SplitMix64::for_item(config.seed, SALT_RENDER, index as u64);
    let outlet = lang.outlets.get(core.outlet).cloned().unwrap_or_default();
    let date = if lang.code == "fr" {
        core.published.format("%d/%m/%Y").to_string()
    } else {
        date_long(lang, core.published)
    };
    let time = format!("{:02}:{:02}", rng.range(6, 22), rng.range(0, 59));
    let mut tags: Vec<String> = Vec::new();
    for i in rng.permutation(lang.tags.len()).into_iter().take(2 + rng.below(3)) {
        if let Some(t) = lang.tags.get(i) {
            tags.push(t.clone());
        }
    }
    let values = [
        ("outlet", outlet),
        ("date", date),
        ("time", time),
        ("author", core.author.clone()),
        ("tags", tags.join(" ")),
    ];
    let mut lines: Vec<String> = Vec::new();
    let top_count = rng.below(4);
    let mut top: Vec<usize> = rng
        .permutation(lang.noise.top.len())
        .into_iter()
        .take(top_count)
        .collect();
    top.sort_unstable();
    for i in top {
        if let Some(t) = lang.noise.top.get(i) {
            lines.push(fill_simple(t, &values));
        }
    }
    lines.extend(core.paragraphs.iter().cloned());
    if let Some(s) = &core.signoff {
        lines.push(s.clone());
    }
    let bottom_count = rng.below(4);
    let mut bottom: Vec<usize> = rng
        .permutation(lang.noise.bottom.len())
        .into_iter()
        .take(bottom_count)
        .collect();
    bottom.sort_unstable();
    for i in bottom {
        if let Some(t) = lang.noise.bottom.get(i) {
            lines.push(fill_simple(t, &values));
        }
    }
    lines.join("\n")
}

pub(crate) fn url_for(res: &Resources, core: &Core, id: &str) -> String {
    let outlet = res
        .languages
        .get(core.lang)
        .and_then(|l| l.outlets.get(core.outlet))
        .map(|o| slug(o))
        .unwrap_or_default();
    format!(
        "https://{outlet}.example/{}/{}-{id}",
        core.published.format("%Y/%m"),
        slug(&core.title)
    )
}
