//! Data-driven extraction tests on small pages written for these tests: boilerplate
//! around an article must go, the article's paragraphs and subheadings must stay, and
//! metadata must come from meta tags and JSON-LD.

use recoupe_html::{extract_html, HtmlArticle, HtmlError};

const FRENCH_PAGE: &str = r##"<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="utf-8">
<title>Visite officielle à Moscou : trois accords signés | Le Quotidien du Sahel</title>
<meta property="og:site_name" content="Le Quotidien du Sahel">
<meta property="og:title" content="Visite officielle à Moscou : trois accords signés">
<meta property="og:url" content="https://quotidien-sahel.example/monde/visite-moscou">
<meta property="article:published_time" content="2025-06-23T08:15:00+00:00">
<meta name="author" content="Awa Traoré">
<meta property="article:tag" content="Mali">
<meta property="article:tag" content="Russie">
<link rel="canonical" href="/monde/visite-moscou">
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>Nous utilisons des cookies pour améliorer votre expérience de lecture sur notre site.</p><button>Tout accepter</button></div>
<header class="site-header"><a href="/">Le Quotidien du Sahel</a>
<nav class="main-nav"><ul><li><a href="/politique">Politique</a></li><li><a href="/economie">Économie</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>Visite officielle à Moscou : trois accords signés</h1>
<div class="share-bar"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur Twitter</a></div>
<div class="article-body">
<p>Le président de la transition est arrivé dimanche à Moscou pour une visite officielle de cinq jours, la deuxième en moins d'un an.</p>
<p>Selon la présidence, les deux délégations ont signé trois accords de coopération, dans les domaines de l'énergie, des mines et de la formation.</p>
<h2>Une raffinerie d'or en projet</h2>
<p>Le principal accord porte sur une raffinerie d'or d'une capacité de 200 tonnes par an, détenue à 62 % par l'État et à 38 % par le partenaire russe.</p>
<p>Lire aussi : Le cours de l'or au plus haut</p>
<p>« C'est une étape historique pour notre souveraineté », a déclaré le ministre des Mines à l'issue de la cérémonie.</p>
</div>
<aside class="related-articles"><h3>Sur le même sujet</h3><ul><li><a href="/a">La visite précédente du président en Russie, retour sur un partenariat</a></li><li><a href="/b">Les accords miniers signés l'an dernier et leur mise en œuvre</a></li></ul></aside>
</article>
<section id="comments" class="comments-area"><h3>Laisser un commentaire</h3>
<form class="comment-form"><p>Votre adresse e-mail ne sera pas publiée. Les champs requis sont signalés par un astérisque.</p><textarea></textarea><input type="submit" value="Publier"></form></section>
</main>
<footer class="site-footer"><p>© 2025 Le Quotidien du Sahel. Tous droits réservés. Mentions légales, politique de confidentialité et conditions d'utilisation du site.</p></footer>
</body></html>"##;

const ENGLISH_PAGE: &str = r##"<html lang="en">
<head>
<title>Storm closes coastal roads - The Harbour Gazette</title>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","@id":"https://gazette.example/news/storm#page","name":"Storm page"},
 {"@type":"NewsArticle","headline":"Storm closes coastal roads as rivers rise",
  "datePublished":"2024-03-02T06:30:00Z","dateModified":"2024-03-02T09:00:00Z",
  "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Omar Said"}],
  "publisher":{"@type":"Organization","name":"The Harbour Gazette"},
  "mainEntityOfPage":{"@id":"https://gazette.example/news/storm"},
  "keywords":["weather","floods"], "inLanguage":"en-GB"}
]}
</script>
</head>
<body>
<div class="topbar"><a href="/subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<nav role="navigation"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="layout">
<div class="story">
<p class="byline">By Jane Doe and Omar Said</p>
<div class="story-body">
<p>Heavy rain closed three coastal roads on Saturday morning, and the river at Millbrook rose to its highest level since 1998.</p>
<div class="ad-slot">Advertisement</div>
<p>Emergency crews evacuated forty homes near the harbour overnight, the county council said in a statement issued at dawn.</p>
<h3>Schools closed until Monday</h3>
<p>All schools in the district will stay closed until Monday while engineers inspect two bridges damaged by debris.</p>
<ul><li>Harbour Road: closed between the pier and the station.</li><li>Cliff Lane: open to emergency vehicles only.</li></ul>
</div>
<div class="social-share"><a href="#">Share on Facebook</a><a href="#">Share on Twitter</a><a href="#">Email</a></div>
</div>
<div class="sidebar"><h4>Most read</h4><ol><li><a href="/1">Council approves new budget for the harbour district</a></li><li><a href="/2">Local team wins the regional cup after extra time</a></li></ol></div>
</div>
<div class="newsletter-signup"><p>Sign up for our morning newsletter and get the day's top stories in your inbox.</p></div>
<footer><p>The Harbour Gazette, 12 Quay Street. All rights reserved. Contact us, advertise with us, privacy policy.</p></footer>
</body></html>"##;

fn check(input: &str, expected_text: &str) {
    let article = extract_html(input, None).unwrap_or_else(|e| panic!("error {e} for {input}"));
    assert_eq!(article.text, expected_text);
}

fn extract(input: &str, url: Option<&str>) -> HtmlArticle {
    extract_html(input, url).unwrap_or_else(|e| panic!("error {e}"))
}

#[test]
fn french_article_without_boilerplate() {
    check(
        FRENCH_PAGE,
        "Le président de la transition est arrivé dimanche à Moscou pour une visite officielle \
         de cinq jours, la deuxième en moins d'un an.\n\n\
         Selon la présidence, les deux délégations ont signé trois accords de coopération, dans \
         les domaines de l'énergie, des mines et de la formation.\n\n\
         Une raffinerie d'or en projet\n\n\
         Le principal accord porte sur une raffinerie d'or d'une capacité de 200 tonnes par an, \
         détenue à 62 % par l'État et à 38 % par le partenaire russe.\n\n\
         « C'est une étape historique pour notre souveraineté », a déclaré le ministre des Mines \
         à l'issue de la cérémonie.",
    );
}

#[test]
fn english_article_without_boilerplate() {
    check(
        ENGLISH_PAGE,
        "Heavy rain closed three coastal roads on Saturday morning, and the river at Millbrook \
         rose to its highest level since 1998.\n\n\
         Emergency crews evacuated forty homes near the harbour overnight, the county council \
         said in a statement issued at dawn.\n\n\
         Schools closed until Monday\n\n\
         All schools in the district will stay closed until Monday while engineers inspect two \
         bridges damaged by debris.\n\n\
         Harbour Road: closed between the pier and the station.\n\n\
         Cliff Lane: open to emergency vehicles only.",
    );
}

#[test]
fn french_metadata_from_meta_tags() {
    let article = extract(FRENCH_PAGE, Some("https://quotidien-sahel.example/x?utm=1"));
    assert_eq!(
        article.title.as_deref(),
        Some("Visite officielle à Moscou : trois accords signés")
    );
    assert_eq!(article.published.as_deref(), Some("2025-06-23T08:15:00+00:00"));
    assert_eq!(article.updated, None);
    assert_eq!(article.author.as_deref(), Some("Awa Traoré"));
    assert_eq!(article.site_name.as_deref(), Some("Le Quotidien du Sahel"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://quotidien-sahel.example/monde/visite-moscou")
    );
    assert_eq!(article.language.as_deref(), Some("fr"));
    assert_eq!(article.tags, vec!["Mali".to_string(), "Russie".to_string()]);
}

#[test]
fn english_metadata_from_json_ld() {
    let article = extract(ENGLISH_PAGE, None);
    assert_eq!(
        article.title.as_deref(),
        Some("Storm closes coastal roads as rivers rise")
    );
    assert_eq!(article.published.as_deref(), Some("2024-03-02T06:30:00Z"));
    assert_eq!(article.updated.as_deref(), Some("2024-03-02T09:00:00Z"));
    assert_eq!(article.author.as_deref(), Some("Jane Doe, Omar Said"));
    assert_eq!(article.site_name.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(article.url.as_deref(), Some("https://gazette.example/news/storm"));
    assert_eq!(article.language.as_deref(), Some("en"));
    assert_eq!(article.tags, vec!["weather".to_string(), "floods".to_string()]);
}

#[test]
fn title_falls_back_to_title_tag_without_site_suffix() {
    let page = "<html><head><title>Rivers rise across the county overnight - The Gazette</title>\
                </head><body><p>Short page.</p></body></html>";
    let article = extract(page, Some("https://gazette.example/a"));
    assert_eq!(
        article.title.as_deref(),
        Some("Rivers rise across the county overnight")
    );
    assert_eq!(article.url.as_deref(), Some("https://gazette.example/a"));
}

#[test]
fn div_with_br_paragraphs() {
    check(
        "<html><body><div class=\"menu\"><a href=\"/\">Accueil</a></div>\
         <div class=\"texte\">Premier paragraphe du texte, assez long pour compter comme de la prose.\
         <br><br>Second paragraphe, lui aussi assez long pour être gardé dans le texte.</div></body></html>",
        "Premier paragraphe du texte, assez long pour compter comme de la prose.\n\
         Second paragraphe, lui aussi assez long pour être gardé dans le texte.",
    );
}

#[test]
fn text_has_no_blank_lines_other_than_paragraph_breaks() {
    for page in [FRENCH_PAGE, ENGLISH_PAGE] {
        let text = extract(page, None).text;
        assert!(!text.contains("\n\n\n"), "{text:?}");
        for paragraph in text.split("\n\n") {
            assert!(!paragraph.trim().is_empty(), "{text:?}");
            assert_eq!(paragraph, paragraph.trim(), "{text:?}");
        }
    }
}

#[test]
fn snapshot_french_article() {
    insta::assert_yaml_snapshot!(extract(FRENCH_PAGE, None));
}

#[test]
fn snapshot_english_article() {
    insta::assert_yaml_snapshot!(extract(ENGLISH_PAGE, None));
}

// --- Bad input -------------------------------------------------------------------------

fn warning_codes(article: &HtmlArticle) -> Vec<&str> {
    article.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn empty_page_is_an_error() {
    assert_eq!(extract_html("", None), Err(HtmlError::Empty));
    assert_eq!(extract_html("  \n\t ", None), Err(HtmlError::Empty));
    assert_eq!(HtmlError::Empty.code(), "html_empty");
}

#[test]
fn binary_junk_is_an_error() {
    let junk: String = (0u32..4000).map(|i| char::from_u32(i % 32).unwrap_or('\0')).collect();
    assert!(matches!(extract_html(&junk, None), Err(HtmlError::NotHtml { .. })));
    assert!(matches!(
        extract_html("just some words, no markup", None),
        Err(HtmlError::NotHtml { .. })
    ));
}

#[test]
fn huge_page_over_the_limit_is_an_error() {
    let page = "<p>x</p>".repeat(recoupe_html::MAX_HTML_BYTES / 8 + 1);
    let error = extract_html(&page, None).expect_err("over the limit");
    assert_eq!(error.code(), "html_too_large");
}

#[test]
fn large_page_under_the_limit_works() {
    // Distinct paragraphs: a run of identical ones would be said once.
    let paragraphs: String = (0..100_000)
        .map(|n| format!("<p>A reasonably long sentence about the harbour, paragraph {n}.</p>"))
        .collect();
    let page = format!("<html><body><article>{paragraphs}</article></body></html>");
    let article = extract(&page, None);
    assert!(article.text.len() > 6_000_000, "{}", article.text.len());
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep paragraph with enough words to be article text, really.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let article = extract(&page, None);
    assert!(article.text.contains("Deep paragraph"));
    assert!(warning_codes(&article).contains(&"html_nesting_capped"));
    // Unclosed nesting, inline elements and tables too.
    for open in ["<span>", "<b><i>", "<table><tr><td>", "<ul><li>", "<p>"] {
        let page = format!("{}text", open.repeat(depth));
        assert!(extract_html(&page, None).is_ok());
    }
}

#[test]
fn page_without_article_warns() {
    let article = extract(
        "<html><head><title>Home</title></head><body><nav><a href=/>Home</a></nav></body></html>",
        None,
    );
    assert_eq!(article.text, "");
    assert!(warning_codes(&article).contains(&"no_main_text"));
}

#[test]
fn broken_markup_is_text_not_panic() {
    for page in [
        "<",
        "<<<>>>",
        "</",
        "<!--",
        "<!-- unclosed",
        "<script>",
        "<p class=\"unclosed",
        "<a href='x>y",
        "</p></div></body>",
        "<p>&#xFFFFFF; &#0; &bogus; &amp</p>",
        "<title>only a title",
        "<html><body></html></body>",
    ] {
        let _ = extract_html(page, None);
    }
}

#[test]
fn body_split_in_same_class_chunks_is_joined() {
    let chunk = |text: &str| {
        format!(
            "<div class=\"story-chunk\"><p>{text} This sentence is long enough to count as prose in any article body.</p>\
             <p>{text} And a second sentence keeps the chunk a real part of the body.</p></div>"
        )
    };
    let page = format!(
        "<html><body><section>{}</section><div class=\"ad-slot\">Advertisement</div>\
         <section><div class=\"wrap\">{}</div></section></body></html>",
        chunk("First chunk."),
        chunk("Second chunk.")
    );
    check(
        &page,
        "First chunk. This sentence is long enough to count as prose in any article body.\n\n\
         First chunk. And a second sentence keeps the chunk a real part of the body.\n\n\
         Second chunk. This sentence is long enough to count as prose in any article body.\n\n\
         Second chunk. And a second sentence keeps the chunk a real part of the body.",
    );
}

#[test]
fn related_headlines_inside_the_article_are_dropped() {
    check(
        "<html><body><article><div class=\"body\">\
         <p>Le conseil municipal a voté mardi soir le budget de l'année prochaine, en hausse de trois pour cent.</p>\
         <div class=\"box\"><h3><a href=\"/a\">Un autre article sur le budget</a></h3><p>Résumé d'un autre article, assez long pour passer pour de la prose.</p>\
         <h3><a href=\"/b\">Encore un autre article</a></h3><p>Un second résumé d'article, lui aussi assez long pour compter.</p></div>\
         <p>Le maire a défendu une hausse nécessaire pour financer les écoles et la rénovation de la piscine.</p>\
         </div></article></body></html>",
        "Le conseil municipal a voté mardi soir le budget de l'année prochaine, en hausse de trois pour cent.\n\n\
         Le maire a défendu une hausse nécessaire pour financer les écoles et la rénovation de la piscine.",
    );
}

/// Paragraphs of prose written for these tests, numbered so that each is distinct.
fn prose(n: usize) -> String {
    format!("Paragraph {n} of the story tells what happened at the harbour, with enough words to be prose.")
}

#[test]
fn noscript_text_is_the_fallback_when_the_page_shows_nothing_else() {
    // Forum software serves the posts to crawlers inside <noscript>, the app shell outside.
    let page = format!(
        "<html><body><div id=\"app\"><div class=\"spinner\"></div></div>\
         <noscript><div class=\"post\"><p>{}</p><p>{}</p></div><div class=\"post\"><p>{}</p></div></noscript>\
         </body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    check(&page, &format!("{}\n\n{}\n\n{}", prose(1), prose(2), prose(3)));
}

#[test]
fn template_script_text_is_the_fallback_when_the_page_shows_nothing_else() {
    let page = format!(
        "<html><body><div class=\"blog\"></div>\
         <script type=\"text/template\"><div class=\"post-body\"><p>{}</p><p>{}</p></div></script>\
         <script>var tracking = 1;</script></body></html>",
        prose(1),
        prose(2)
    );
    check(&page, &format!("{}\n\n{}", prose(1), prose(2)));
}

#[test]
fn noscript_is_not_used_when_the_page_has_its_text() {
    let page = format!(
        "<html><body><article><p>{}</p><p>{}</p><p>{}</p></article>\
         <noscript><p>Please enable JavaScript to view the comments and the rest of this site.</p></noscript>\
         </body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    check(&page, &format!("{}\n\n{}\n\n{}", prose(1), prose(2), prose(3)));
}

#[test]
fn hidden_tab_panels_are_content() {
    let page = format!(
        "<html><body><main><div class=\"tabs\"><div role=\"tabpanel\" id=\"t1\"><p>{}</p><p>{}</p></div>\
         <div role=\"tabpanel\" id=\"t2\" hidden><p>{}</p></div></div></main>\
         <div class=\"promo\" style=\"display: none\"><p>A hidden box that is not a tab and must not show up in the text.</p></div>\
         </body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    check(&page, &format!("{}\n\n{}\n\n{}", prose(1), prose(2), prose(3)));
}

#[test]
fn a_form_holding_an_article_written_with_br_is_kept() {
    // ASP.NET pages wrap the whole body in a <form>; this article has no <p> at all.
    let page = format!(
        "<html><body><form id=\"aspnetForm\"><div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></div>\
         <div class=\"text\">{}<br><br>{}<br><br>{}</div></form>\
         <p>A short footer line with an address.</p></body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    check(&page, &format!("{}\n{}\n{}", prose(1), prose(2), prose(3)));
}

#[test]
fn headed_sections_spread_over_the_page_are_assembled() {
    // A guide: each section its own wrapper, a FAQ at the end; no container holds most of it.
    let section = |title: &str, a: usize, b: usize| {
        format!(
            "<div class=\"wrap\"><div class=\"block\"><h2>{title}</h2><p>{}</p><p>{}</p></div></div>",
            prose(a),
            prose(b)
        )
    };
    let page = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"page\">{}{}<div class=\"faq\"><h2>FAQ</h2>\
         <details><summary>Is it open on Sunday?</summary><p>{}</p></details></div></div>\
         <footer><p>Copyright and a few links to the legal pages of the site.</p></footer></body></html>",
        section("Getting there", 1, 2),
        section("What to see", 3, 4),
        prose(5)
    );
    check(
        &page,
        &format!(
            "Getting there\n\n{}\n\n{}\n\nWhat to see\n\n{}\n\n{}\n\nFAQ\n\nIs it open on Sunday?\n\n{}",
            prose(1),
            prose(2),
            prose(3),
            prose(4),
            prose(5)
        ),
    );
}

#[test]
fn forum_posts_in_repeated_containers_are_all_kept() {
    let post = |n: usize| {
        format!(
            "<article class=\"message\"><div class=\"user\"><a href=\"/u/{n}\">user{n}</a> <span>Posted on 3 May</span></div>\
             <div><div class=\"bbWrapper\">{}</div></div><div class=\"reactions\"><a href=\"#\">Like</a></div></article>",
            prose(n)
        )
    };
    let page = format!(
        "<html><body><div class=\"thread\">{}{}{}{}</div><aside class=\"sidebar\"><p>Members online now and other statistics of the forum.</p></aside></body></html>",
        post(1),
        post(2),
        post(3),
        post(4)
    );
    let text = extract(&page, None).text;
    for n in 1..=4 {
        assert!(text.contains(&prose(n)), "post {n} missing from {text:?}");
    }
    assert!(!text.contains("Members online"), "{text:?}");
}

#[test]
fn sections_with_table_of_contents_links_and_slug_ids_are_kept() {
    // Documentation pages: headings link back to the table of contents, section ids are
    // made from the heading's words (`sharing-…` must not read as a share bar).
    let page = format!(
        "<html><body><div class=\"content\"><div class=\"section\" id=\"intro\"><h1>Guide</h1><p>{}</p>\
         <div class=\"section\" id=\"sharing-with-a-single-developer\"><h2><a href=\"#toc1\">Sharing with a single developer</a></h2><p>{}</p><p>{}</p></div>\
         <div class=\"section\" id=\"sharing-with-many-developers-at-once\"><h2><a href=\"#toc2\">Sharing with many developers</a></h2><p>{}</p></div>\
         </div></div></body></html>",
        prose(1),
        prose(2),
        prose(3),
        prose(4)
    );
    check(
        &page,
        &format!(
            "{}\n\nSharing with a single developer\n\n{}\n\n{}\n\nSharing with many developers\n\n{}",
            prose(1),
            prose(2),
            prose(3),
            prose(4)
        ),
    );
}

#[test]
fn text_past_the_nesting_cap_is_kept_whole() {
    let levels = recoupe_html::dom::MAX_DEPTH + 200;
    let mut page = String::from("<html><body>");
    for n in 0..levels {
        page.push_str(&format!("<div><p>{}</p>", prose(n)));
    }
    page.push_str(&"</div>".repeat(levels));
    page.push_str("</body></html>");
    let article = extract(&page, None);
    assert!(warning_codes(&article).contains(&"html_nesting_capped"));
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), levels);
    assert_eq!(paragraphs.first().copied(), Some(prose(0).as_str()));
    assert_eq!(paragraphs.last().copied(), Some(prose(levels - 1).as_str()));
}

#[test]
fn a_long_policy_in_a_footer_dialog_does_not_protect_the_footer() {
    // The footer holds a modal with a privacy policy longer than the page's own text; the
    // dialog's text must not make the footer look like the article.
    let policy: String = (10..30).map(|n| format!("<p>{}</p>", prose(n))).collect();
    let page = format!(
        "<html><body><main><section class=\"faq\"><h2>How long do the boots last?</h2><p>{}</p>\
         <h2>Can they be washed?</h2><p>{}</p></section></main>\
         <footer><div class=\"links\"><a href=\"/privacy\">Privacy</a></div>\
         <div id=\"modal-privacy\" role=\"dialog\"><div class=\"prose\">{policy}</div></div></footer></body></html>",
        prose(1),
        prose(2)
    );
    let text = extract(&page, None).text;
    assert!(text.contains(&prose(1)) && text.contains(&prose(2)), "{text:?}");
    assert!(!text.contains(&prose(10)), "{text:?}");
}

#[test]
fn repeated_cards_named_like_ads_are_kept_when_together_they_hold_the_text() {
    // Each card's class holds a word that reads as boilerplate (`ad`); one card is a small
    // share of the page, all of them are its text.
    let card = |n: usize| format!("<div class=\"card hide-read-more-ad\"><p>{}</p></div>", prose(n));
    let page = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"grid\">{}{}{}{}</div>\
         <div class=\"ad\"><p>An advertisement for a car that is not part of the listing at all.</p></div></body></html>",
        card(1),
        card(2),
        card(3),
        card(4)
    );
    let text = extract(&page, None).text;
    for n in 1..=4 {
        assert!(text.contains(&prose(n)), "card {n} missing from {text:?}");
    }
    assert!(!text.contains("advertisement"), "{text:?}");
}

#[test]
fn comments_inside_a_kept_comment_section_are_not_protected_as_a_group() {
    // The comment section is kept for its share of the text, but its repeated comments
    // are still comments: only the post is the article.
    let post: Vec<String> = (1..=8).map(prose).collect();
    let comment = |n: usize| {
        format!(
            "<div class=\"comment-body\"><p>{}</p><p>{}</p><p>{}</p></div>",
            prose(n),
            prose(n + 50),
            prose(n + 70)
        )
    };
    let page = format!(
        "<html><body><article class=\"post\"><p>{}</p></article>\
         <div id=\"comments\" class=\"comments-area\">{}{}{}{}</div></body></html>",
        post.join("</p><p>"),
        comment(10),
        comment(11),
        comment(12),
        comment(13)
    );
    assert_eq!(extract(&page, None).text, post.join("\n\n"));
}

#[test]
fn a_footer_is_not_the_article_even_on_a_page_of_short_blocks() {
    // A landing page of short blocks: the footer's legal paragraph is the page's longest
    // `<p>`, but a footer is never protected as the article.
    let page = "<html><body><main><h2>Plan your week</h2><div class=\"tile\"><p>Boards, lists and a calendar for the whole team, all in one place and synced.</p></div>\
         <div class=\"tile\"><p>Reminders that arrive on time on the phone, the watch and the desktop app.</p></div></main>\
         <footer><p>Copyright 2026 Example Incorporated. All rights reserved. Prices and offers are subject to change without notice; terms apply in every region where the service is sold.</p></footer></body></html>";
    let text = extract(page, None).text;
    assert!(text.contains("Boards, lists"), "{text:?}");
    assert!(!text.contains("Copyright"), "{text:?}");
}

#[test]
fn a_landing_page_of_short_blocks_is_taken_whole_not_one_block() {
    // One block is long enough to count as a paragraph; the rest of the page is short
    // feature blurbs that belong to the text as much as it does.
    let blurbs: String = [
        "Plan together",
        "Boards for every team",
        "Ship on time",
        "Track each task",
        "Share the roadmap",
        "Report in one click",
        "Import from spreadsheets",
        "Works offline",
    ]
    .iter()
    .map(|title| {
        format!("<div class=\"feature\"><h3>{title}</h3><span>Short words on {title} and why it helps.</span></div>")
    })
    .collect();
    let page = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/pricing\">Pricing</a></nav>\
         <div class=\"page\"><div class=\"hero\"><p>{}</p></div><div class=\"features\">{blurbs}</div></div>\
         <footer><a href=\"/legal\">Legal</a></footer></body></html>",
        prose(1)
    );
    let text = extract(&page, None).text;
    assert!(text.contains(&prose(1)), "{text:?}");
    assert!(
        text.contains("Report in one click") && text.contains("Short words on Works offline"),
        "{text:?}"
    );
    assert!(!text.contains("Pricing"), "{text:?}");
}

#[test]
fn a_thread_whose_container_is_named_comments_keeps_its_posts() {
    // Forum software names the whole thread `comments` and each post `comment-…`; the
    // thread holds next to all of the page's prose, so its posts are the page.
    let post = |n: usize| {
        format!(
            "<div class=\"entry\" id=\"comment-{n}_wrap\"><p>{}</p><p>{}</p></div>",
            prose(n),
            prose(n + 40)
        )
    };
    let page = format!(
        "<html><body><div class=\"app-banner\"><p>Get the app for a better way to browse the forum, with badges.</p>\
         <p>A full-screen app on your home screen with push notifications and more, free of charge.</p>\
         <p>Install it from the menu of your browser; it takes a few seconds and no account at all.</p>\
         <p>Members who install it get a dark theme, offline reading and a quicker way to reply to posts.</p></div>\
         <div class=\"topic\" id=\"comments\">{}{}{}{}{}{}</div></body></html>",
        post(1),
        post(2),
        post(3),
        post(4),
        post(5),
        post(6)
    );
    let text = extract(&page, None).text;
    for n in 1..=6 {
        assert!(
            text.contains(&prose(n)) && text.contains(&prose(n + 40)),
            "post {n} missing from {text:?}"
        );
    }
}

#[test]
fn an_article_laid_out_twice_is_said_once() {
    // A desktop and a mobile copy of the same body; a short note repeated between
    // different steps stays, since it is part of the text each time.
    let body = format!(
        "<p>{} It goes on with a second sentence about the boats.</p><p>{} It ends with the tide.</p>\
         <p>Step one: rinse the nets in fresh water before noon.</p><p>Serving: one cup</p>\
         <p>Step two: hang the nets to dry along the quay wall.</p><p>Serving: one cup</p><p>{}</p>",
        prose(1),
        prose(2),
        prose(3)
    );
    let page = format!(
        "<html><body><div class=\"layout\"><div class=\"desktop\">{body}</div><div class=\"mobile\">{body}</div></div></body></html>"
    );
    let text = extract(&page, None).text;
    assert_eq!(text.matches(&prose(1)).count(), 1, "{text:?}");
    assert_eq!(text.matches(&prose(3)).count(), 1, "{text:?}");
    assert_eq!(text.matches("Serving: one cup").count(), 2, "{text:?}");
}

#[test]
fn template_code_in_a_template_script_is_not_text() {
    // An underscore template: its `<%= … %>` code must not pass for the page's text.
    let code: String = (0..12)
        .map(|n| format!("<div class=\"panel\"><%= obj.panel{n}.mainItem %> <% print(tmpl(\"kitsPanelTmpl{n}\", obj)); %> {{{{ item{n}.title }}}} {{% if item{n}.price %}}</div>"))
        .collect();
    let page = format!(
        "<html><body><main><p>{}</p></main><script type=\"text/template\" id=\"kit\">{code}</script></body></html>",
        prose(1)
    );
    let text = extract(&page, None).text;
    assert_eq!(text, prose(1));
}

#[test]
fn body_chunks_whose_classes_differ_by_a_number_are_joined() {
    // Two chunks of one body, far apart, numbered in their class; a box in between.
    let second: Vec<String> = (3..=11).map(prose).collect();
    let page = format!(
        "<html><body><article><div class=\"wrap\"><div class=\"story-body story-body-1\"><p>{}</p><p>{}</p></div></div>\
         <div class=\"box\"><a href=\"/x\">A link to another page</a></div>\
         <section><div class=\"inner\"><div class=\"story-body story-body-2\"><p>{}</p></div></div></section></article></body></html>",
        prose(1),
        prose(2),
        second.join("</p><p>")
    );
    let text = extract(&page, None).text;
    for n in 1..=11 {
        assert!(text.contains(&prose(n)), "paragraph {n} missing from {text:?}");
    }
    assert!(!text.contains("another page"), "{text:?}");
}

#[test]
fn sections_under_linked_headings_are_kept_when_each_holds_a_paragraph() {
    // A topic page: each panel's heading links to a sub-page and heads a real paragraph.
    let panel = |title: &str, a: usize, b: usize| {
        format!(
            "<div class=\"panel\"><h3><a href=\"/{title}\">{title}</a></h3><p>{} {} {}</p></div>",
            prose(a),
            prose(b),
            prose(b + 20)
        )
    };
    let body: Vec<String> = (1..=12).map(prose).collect();
    let page = format!(
        "<html><body><article><div class=\"body\"><p>{}</p><div class=\"row\">{}{}{}</div></div></article>\
         <div class=\"more\"><p>Somewhere else on the site, unrelated to the topic of this page at all.</p></div></body></html>",
        body.join("</p><p>"),
        panel("Standards", 10, 11),
        panel("Hazards", 12, 13),
        panel("Training", 14, 15)
    );
    let text = extract(&page, None).text;
    for n in [1, 12, 10, 13, 35] {
        assert!(text.contains(&prose(n)), "paragraph {n} missing from {text:?}");
    }
}

#[test]
fn a_figure_holding_a_table_is_content() {
    let page = format!(
        "<html><body><article><p>{}</p><p>{}</p>\
         <figure class=\"wp-block-table\"><table><tr><th>Method</th><th>Strength</th></tr>\
         <tr><td>Sprints</td><td>Quick feedback from users</td></tr></table></figure>\
         <figure class=\"photo\"><img src=\"a.jpg\"><figcaption>A photo of the quay at dawn, credit to the agency.</figcaption></figure>\
         <p>{}</p></article></body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    let text = extract(&page, None).text;
    assert!(
        text.contains("Quick feedback from users") && text.contains("Method"),
        "{text:?}"
    );
    assert!(!text.contains("quay at dawn"), "{text:?}");
}

#[test]
fn long_linked_entries_of_a_reading_list_are_kept_short_menu_links_are_not() {
    let page = format!(
        "<html><body><article><p>{}</p><p>{}</p><p>{}</p><h2>Further reading</h2><ul>\
         <li><a href=\"/a\">Harbour Authority - Annual report on the tides, the moorings and the state of the quays</a></li>\
         <li><a href=\"/b\">Coastal Society - A guide to the boats of the bay and the families who sail them every summer</a></li></ul>\
         <ul class=\"links\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></article></body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    let text = extract(&page, None).text;
    assert!(
        text.contains("Annual report on the tides") && text.contains("boats of the bay"),
        "{text:?}"
    );
    assert!(!text.contains("Home"), "{text:?}");
}

#[test]
fn notes_repeated_under_each_plan_of_a_menu_are_kept() {
    // The same supplement notes (over 250 characters together) under every plan, in the
    // same container as the first plan's: the author's repetition, not a second layout.
    let notes = "<h3>Before the walk</h3><p>Drink a large glass of water half an hour before you set off.</p>\
                 <h3>During the walk</h3><p>Sip the electrolyte mix every twenty minutes on the trail.</p>\
                 <h3>After the walk</h3><p>Stretch your calves and hamstrings for ten minutes once home.</p>\
                 <p>Tip: keep a spare bottle in the car for the drive back.</p>\
                 <p>Pack a light snack with nuts and dried fruit for the longer afternoon stages.</p>";
    let plans: String = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(n, name)| format!("<h2>Plan {name}</h2><p>{}</p>{notes}", prose(n + 1)))
        .collect();
    let page = format!("<html><body><article><div class=\"entry\">{plans}</div></article></body></html>");
    let text = extract(&page, None).text;
    assert_eq!(text.matches("Sip the electrolyte mix").count(), 3, "{text:?}");
    assert_eq!(text.matches("keep a spare bottle").count(), 3, "{text:?}");
}

#[test]
fn a_post_served_in_noscript_and_in_a_template_is_said_once() {
    // Blogger ships the post body both in a template script and in `<noscript>`; the
    // fallback parses both, and the second copy must not double the text.
    let body: String = (1..=5).map(|n| format!("{}<br/>\n", prose(n))).collect();
    let page = format!(
        "<html><body><div id=\"app\"></div><script type=\"text/template\">{body}</script>\
         <noscript>{body}</noscript></body></html>"
    );
    let text = extract(&page, None).text;
    for n in 1..=5 {
        assert_eq!(text.matches(&prose(n)).count(), 1, "{text:?}");
    }
}

#[test]
fn a_ticker_of_elided_teasers_beside_a_short_article_stays_out() {
    // A "latest news" list: each item a linked title, then the first words of that other
    // story cut off with an ellipsis. It holds more prose than the short article beside it,
    // yet it is not this page's text.
    let teasers: String = (1..=8)
        .map(|n| {
            format!(
                "<li><a href=\"/news/{n}\">Council votes on the new ferry timetable, part {n}</a> \
                 <span>PORT TOWN: The council met on Tuesday evening to settle the winter timetable of the ferry and heard from...</span></li>"
            )
        })
        .collect();
    let page = format!(
        "<html><body><div class=\"wrapper\"><div class=\"left\"><div class=\"latest\"><ul>{teasers}</ul></div>\
         <div class=\"story\"><div class=\"text\"><p>{}</p><p>{}</p><p>{}</p></div></div></div></div></body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    let text = extract(&page, None).text;
    for n in 1..=3 {
        assert!(text.contains(&prose(n)), "{text:?}");
    }
    assert!(!text.contains("ferry timetable"), "{text:?}");
}

#[test]
fn a_paywall_breaker_inside_the_body_stays_out() {
    // The publisher's paywall box sits between the free paragraphs and the plans.
    let page = format!(
        "<html><body><article><div class=\"body\"><p>{}</p><p>{}</p>\
         <div class=\"restricted-content-breaker\"><h2>This story is for members</h2>\
         <p>Unlock this story and every other one with a membership plan that suits your reading habits.</p>\
         <div class=\"plan\">Monthly</div><div class=\"plan\">$12</div></div><p>{}</p></div></article></body></html>",
        prose(1),
        prose(2),
        prose(3)
    );
    let text = extract(&page, None).text;
    for n in 1..=3 {
        assert!(text.contains(&prose(n)), "{text:?}");
    }
    assert!(!text.contains("Unlock this story"), "{text:?}");
}
