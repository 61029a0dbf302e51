"""The page as an editor uses it, in Debian's Chromium: search, read an
article, follow a quote to its statement, a syntax error, hostile article
text, JavaScript off, keyboard only, a phone-width screen."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

SEED = "Azerbaijan hosts Israel-Turkey meeting"
OKAFOR = "We will not accept any deal that leaves our fishermen behind"


def search(page, base, query, fresh=True):
    if fresh:
        page.goto(base + "/")
    page.get_by_label("Query").fill(query)
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()


def test_search_red_line_lists_the_seed_with_highlights(page, base):
    search(page, base, '"red line"')
    params = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert params == {"q": ['"red line"']}  # the URL holds the query, empty fields left out
    hit = page.locator("li.hit", has=page.locator("h3", has_text=SEED))
    assert hit.count() == 1
    marks = hit.locator("ul.fragments mark")
    assert marks.count() >= 1 and all(t.lower() == "red line" for t in marks.all_inner_texts())
    assert page.locator("h3 mark").first.inner_text().lower() == "red line"
    assert re.match(r"\d+ articles", page.locator("#results-title").inner_text())


def test_the_seed_article_marks_aliyev_and_lists_anonymous_sources(page, base):
    search(page, base, '"red line"')
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(SEED)).click()
    assert page.locator("h1").inner_text().startswith(SEED)
    aliyev = page.locator("div.article-body a.quote[data-who='Ilham Aliyev']")
    assert aliyev.count() == 3
    assert aliyev.first.locator(".visually-hidden").first.text_content() == "Quote from Ilham Aliyev: "
    assert aliyev.first.is_visible()
    anonymous = page.locator("section.group-anonymous p.source-name strong").all_inner_texts()
    assert {"a source familiar with the matter", "Turkish sources", "the source close to Israel"} <= set(anonymous)


def test_a_repeated_quote_leads_to_its_statement_oldest_first(page, base):
    search(page, base, '"fishermen behind" Okafor')
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Okafor: Sable Bank access")).click()
    with page.expect_navigation():
        page.locator("a.quote", has_text=OKAFOR).first.click()
    assert page.url.split("/statement/")[1].startswith("s-")
    assert OKAFOR in page.locator("h1").inner_text()
    rows = page.locator("ol.occurrences > li")
    assert rows.count() >= 3
    times = rows.locator("p.when time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert times == sorted(times)
    assert rows.first.locator(".badge").inner_text() == "First seen"
    assert page.locator("figure.timeline svg circle.dot").count() == rows.count()
    assert page.locator("figure.timeline svg circle.dot.first").count() == 1
    assert page.locator("ol.variants del").count() >= 1 and page.locator("ol.variants ins").count() >= 1


def test_a_syntax_error_shows_the_message_next_to_the_box(page, base):
    search(page, base, '"red line')
    error = page.locator("#form-errors")
    assert error.is_visible()
    assert "Unclosed quote" in error.inner_text()
    box = page.get_by_label("Query")
    assert box.input_value() == '"red line'
    assert "form-errors" in box.get_attribute("aria-describedby")
    response = page.goto(page.url)
    assert response.status == 400 and "text/html" in response.headers["content-type"]


def test_article_text_is_text_and_no_script_runs(page, base, live):
    hostile_id = live[1]
    response = page.goto(f"{base}/article/{hostile_id}")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>window.__pwned = 1</script>" in page.locator("#p0").inner_text()
    assert page.locator(".article-body script, .article-body b, h1 img").count() == 0
    assert "<img src=x" in page.locator("h1").inner_text()
    page.locator("#p1").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{base}/?q=agenda")
    assert "<img src=x" in page.locator("li.hit h3").first.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_search_and_reading_work_without_javascript(nojs_page, base):
    page = nojs_page
    page.goto(base + "/")
    page.get_by_label("Query").fill('"red line"')
    with page.expect_navigation():
        page.get_by_label("Query").press("Enter")
    params = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert params["q"] == ['"red line"'] and params.get("from") == [""]  # the plain GET form
    assert page.locator("li.hit", has_text=SEED).count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(SEED)).click()
    assert page.locator("div.article-body a.quote").count() >= 5
    with page.expect_navigation():
        page.get_by_role("link", name="Quotes", exact=True).click()
    page.get_by_label("Words of the quote, or a claim to trace").fill(OKAFOR)
    page.get_by_label("Match").select_option("near")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert page.locator("ol.quote-hits > li").count() >= 3
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Every occurrence")).first.click()
    assert page.locator("ol.occurrences > li").count() >= 3


def test_keyboard_reaches_the_box_and_the_button(page, base):
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").first.is_visible()  # shown when focused
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "f-q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-q"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("[document.activeElement.tagName, document.activeElement.textContent]") == ["BUTTON", "Search"]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Shift+Tab")
    page.keyboard.type('"red line"')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("li.hit", has_text=SEED).count() == 1


def test_the_keyboard_skips_past_the_form_to_the_results(page, base):
    """The filters open on a wide screen: some twenty stops of the form stood
    between a keyboard and the first result, page after page."""
    page.goto(f"{base}/?q={quote(chr(34) + 'red line' + chr(34))}&size=2")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results" and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#results') !== null")
    assert page.evaluate("document.activeElement.textContent") == "CSV"


def test_back_and_forward_restore_the_query(page, base):
    search(page, base, "fishermen")
    first = page.url
    search(page, base, "glacier", fresh=False)  # from the results page
    assert page.locator("li.hit").count() >= 1
    page.go_back()
    assert page.url == first and page.get_by_label("Query").input_value() == "fishermen"
    assert page.locator("li.hit h3").first.inner_text() != ""
    page.go_forward()
    assert page.get_by_label("Query").input_value() == "glacier"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["glacier"]}


def test_typing_while_the_page_loads_is_kept(page, base):
    """The script reset the form on every pageshow (for back and forward), so
    what an editor typed into the box while the page was still loading was
    wiped when it finished: held here by holding the script back."""
    held = []
    page.route("**/web-assets/site.js", lambda route: held.append(route))
    page.goto(base + "/?q=fishermen", wait_until="commit")
    box = page.get_by_label("Query")
    box.fill("glacier")
    assert held and page.evaluate("document.readyState") != "complete"
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_function("document.readyState === 'complete'")
    page.evaluate("new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))")
    assert box.input_value() == "glacier"
    page.unroute("**/web-assets/site.js")
    page.reload()  # a reload shows the query of the results again
    assert page.get_by_label("Query").input_value() == "fishermen"


def test_the_quote_a_link_leads_to_stands_out(page, base):
    """From a quote hit or a statement the article opened at #qN with nothing
    to tell that quote from the other marked ones."""
    page.goto(f"{base}/quote-search?q={quote(OKAFOR)}&match=near&sort=oldest")
    with page.expect_navigation():
        page.locator("ol.quote-hits p.meta a").first.click()
    target = urlsplit(page.url).fragment
    assert target.startswith("q")
    outline = "el => getComputedStyle(el).outlineStyle"
    assert page.locator(f"#{target}").evaluate(outline) == "solid"
    assert page.locator(f"#{target}").evaluate("el => el.getBoundingClientRect().top") > 150  # lines before it in view
    others = page.locator(f"div.article-body .quote-lead:not(#{target})")
    assert others.count() >= 1 and set(others.evaluate_all(f"els => els.map({outline})")) == {"none"}
    page.goto(page.url.split("#")[0] + "#p1")  # a source's mention
    assert page.locator("#p1").evaluate(outline) == "solid"
    page.goto(f"{base}/quote-search?q={quote(OKAFOR)}&match=near&sort=oldest")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Every occurrence")).first.click()
    page.goto(page.url + "#occ-1")  # a dot of the timeline
    assert page.locator("#occ-1").evaluate(outline) == "solid"
    assert page.locator("#occ-0").evaluate(outline) == "none"


@pytest.mark.parametrize("width", [360, 320])  # a phone; 320 CSS px is 1280 at 400% zoom (WCAG 1.4.10)
def test_phone_width_has_no_sideways_scroll(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{base}/quote-search?q={quote(OKAFOR)}&match=near")
        statement = page.locator("p.statement-link a").first.get_attribute("href")
        page.goto(f"{base}/?q={quote(chr(34) + 'red line' + chr(34))}")
        article = page.locator("li.hit h3 a").first.get_attribute("href")
        for url in ("/", '/?q="red line"', '/?q="red line', article, statement, "/quote-search?q=fishermen",
                    "/?q=oil&from=2025-02-30&source_kind=anonymous&outlet=Harbor+Gazette", '/?q="red line"&size=2',
                    "/source-search?size=500", "/source-search?kind=organization&kind=anonymous&size=2&offset=2",
                    "/source-search?name=okaf&from=2025-02-30&outlet=" + "HarborGazette" * 5):
            page.goto(base + url)
            # The filters and the syntax help open, as an editor opens them on a phone.
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    finally:
        context.close()


def test_sources_are_listed_and_followed_to_their_quotes_without_javascript(nojs_page, base):
    """From the navigation to the sources of one kind and part of a name, then from a
    count to the quotes it counts: the page that opens says the same number."""
    page = nojs_page
    page.goto(base + "/")
    with page.expect_navigation():
        page.get_by_role("link", name="Sources", exact=True).click()
    assert page.locator("h1").inner_text() == "Sources"
    assert page.get_by_role("link", name="Sources", exact=True).get_attribute("aria-current") == "page"
    page.get_by_label("Part of a name").fill("okaf")
    page.get_by_label("Person", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="List sources").click()
    sent = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert sent == {"name": ["okaf"], "kind": ["person"], "outlet": [""], "from": [""], "until": [""]}  # plain GET
    table = page.get_by_role("table")
    assert table.locator("tbody th bdi").all_inner_texts() == ["Lena Okafor"]
    assert table.get_by_role("columnheader").all_inner_texts() == ["Name", "Kind", "Articles", "Quotes"]
    quotes = table.get_by_role("link", name=re.compile("quotes? from Lena Okafor"))
    shown = quotes.inner_text().split()[0]  # the number; the words after it are for screen readers
    with page.expect_navigation():
        quotes.click()
    assert page.locator("#results-title").inner_text().startswith(f"{shown} quote")


def test_the_sources_table_fits_a_zoomed_screen(browser, base):
    """At 320 CSS px (400% zoom) the four columns fit: a long name wraps in its cell."""
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    try:
        page.goto(base + "/source-search?size=500")
        table = page.get_by_role("table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= 320
        widest = page.locator("table.sources-table tbody th").evaluate_all(
            "cells => Math.max(...cells.map(c => c.getBoundingClientRect().right))")
        assert widest <= 320 and page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_a_filter_chip_that_wraps_is_a_rounded_box_not_an_oval(browser, base):
    """A long filter value at phone width wrapped into a chip of several lines
    whose 999px radius made an oval: its curve cut through the corner words."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{base}/?q=oil&place={quote('Organisation for Economic Cooperation and Development')}")
        chip = page.locator(".chip").first
        radius, line, height = chip.evaluate(
            "c => [parseFloat(getComputedStyle(c).borderTopLeftRadius),"
            " parseFloat(getComputedStyle(c).lineHeight), c.getBoundingClientRect().height]")
        assert height > 1.5 * line  # it wraps
        assert radius <= line
    finally:
        context.close()


def test_pages_log_no_console_error(page, base):
    errors, failed = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for url in ("/", "/?q=fishermen", "/quote-search?q=fishermen", "/source-search"):
        with page.expect_response(lambda response: "favicon" in response.url) as icon:
            page.goto(base + url)
        assert icon.value.ok and icon.value.url.endswith("/web-assets/favicon.svg"), icon.value.url
        page.wait_for_load_state("load")
    assert page.context.request.get(base + "/favicon.ico").ok
    assert errors == [] and failed == []


def test_a_mistyped_page_url_is_an_html_page(page, base):
    for url in ("/nope", "/article/"):
        response = page.goto(base + url)
        assert response.status == 404 and "text/html" in response.headers["content-type"]
        assert page.locator("h1").inner_text() == "Not found"
        assert page.get_by_role("link", name="Back to search").is_visible()


def test_right_to_left_text_keeps_the_meta_line_in_order(page, base, arabic_id):
    page.goto(f"{base}/?q={quote('المحادثات')}")
    meta = page.locator("li.hit p.meta").first
    outlet, place, when = (meta.locator(s).bounding_box() for s in ("bdi.outlet", "bdi.place", "time"))
    # Left to right as the English line reads: outlet · place · date, the date in one piece.
    assert outlet["x"] + outlet["width"] <= place["x"] and place["x"] + place["width"] <= when["x"]
    assert when["height"] < 30 and meta.locator("time").inner_text() == "2 May 2025"
    headline = page.locator("li.hit h3").first
    assert headline.evaluate("h => getComputedStyle(h).direction") == "rtl"
    page.goto(f"{base}/article/{arabic_id}")
    body = page.locator("div.article-body")
    assert body.evaluate("b => [getComputedStyle(b).direction, b.lang]") == ["rtl", "ar"]
    paragraph, column = page.locator("#p1").bounding_box(), body.bounding_box()
    line = page.locator("#p1").evaluate(
        "p => { const r = document.createRange(); r.selectNodeContents(p); const b = r.getBoundingClientRect();"
        " return [b.left, b.right]; }")
    assert abs(line[1] - (paragraph["x"] + paragraph["width"])) < 2  # a short line sits against the right edge
    assert line[0] > column["x"] + 20


def _query(page):
    return parse_qs(urlsplit(page.url).query)


def test_the_form_keeps_what_it_shows_and_drops_what_is_cleared(page, base):
    page.goto(base + "/?q=oil&from=1987-03-02T12:00:00Z")
    assert page.get_by_label("Published from").input_value() == "1987-03-02T12:00:00Z"
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert _query(page) == {"q": ["oil"], "from": ["1987-03-02T12:00:00Z"]}

    page.goto(base + "/?source_kind=person&source_kind=anonymous")
    for kind in ("Person", "Anonymous"):
        box = page.get_by_label(kind, exact=True)
        assert box.is_checked() and box.is_visible()
        box.uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert "source_kind" not in _query(page)

    page.goto(base + "/?q=fishermen&outlet=Reuters&outlet=Harbor+Gazette")
    assert page.get_by_label("or outlet").input_value() == "Harbor Gazette"
    page.get_by_label("or outlet").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert _query(page)["outlet"] == ["Reuters"]


def test_a_refused_date_stays_in_its_box_to_be_corrected(page, base):
    """A date picker shows an impossible day as empty and sends nothing:
    the box the error names must show, and send back, what was refused."""
    response = page.goto(base + "/?q=oil&from=2025-02-30")
    assert response.status == 400
    box = page.get_by_label("Published from")
    assert box.input_value() == "2025-02-30"
    box.fill("2025-02-28")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert _query(page) == {"q": ["oil"], "from": ["2025-02-28"]}


SPEAKER_TIP = "el => { const s = getComputedStyle(el, '::after'); return [s.content, s.display, s.position]; }"


def test_keyboard_focus_shows_who_said_a_quote(page, base):
    search(page, base, '"red line"')
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(SEED)).click()
    quote = page.locator("div.article-body .quote-lead").first
    assert quote.evaluate(SPEAKER_TIP)[0] == "none"  # nothing until asked
    for _ in range(60):  # Tab from the top until the first quote has the focus
        page.keyboard.press("Tab")
        if quote.evaluate("el => el === document.activeElement"):
            break
    content, display, position = quote.evaluate(SPEAKER_TIP)
    assert quote.get_attribute("data-speaker").startswith("Said by ")
    assert quote.get_attribute("data-speaker") in content and display != "none" and position == "absolute"


def test_a_touch_screen_shows_each_speaker_after_the_quote(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        search(page, base, '"red line"')
        page.goto(base + page.locator("li.hit h3 a", has_text=SEED).get_attribute("href"))
        assert page.evaluate("matchMedia('(hover: none)').matches")
        tail = page.locator("div.article-body .quote-tail[data-who='Ilham Aliyev']").first
        content, display, position = tail.evaluate(SPEAKER_TIP)
        assert "Ilham Aliyev" in content and display != "none" and position == "static"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def _contrast(one, two) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css: str):
    return tuple(int(n) for n in re.findall(r"\d+", css)[:3])


def test_the_focus_ring_has_3_to_1_contrast(page, base):
    page.goto(base + "/?q=fishermen")
    resolve = ("name => { const probe = document.createElement('div'); probe.style.color = `var(${name})`;"
               " document.body.append(probe); const color = getComputedStyle(probe).color; probe.remove(); return color; }")
    backgrounds = [_rgb(page.evaluate(resolve, name)) for name in ("--paper", "--tint", "--quote")]
    assert backgrounds[0] == (255, 255, 255)
    page.keyboard.press("Tab")  # the skip link
    rings = []
    for _ in range(8):
        page.keyboard.press("Tab")
        style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()")
        rings.append(style)
    assert all(style != "none" and float(width[:-2]) >= 2 for style, width, _ in rings), rings
    for _, _, color in rings:
        assert all(_contrast(_rgb(color), background) >= 3 for background in backgrounds), (color, backgrounds)


def test_long_filter_values_wrap_at_phone_width(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        value = "Harbor" + "Gazette" * 8 + "X" * 4  # 60 characters, no break
        page.goto(f"{base}/?q=zebrafish&outlet={value}&speaker={value}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        chip = page.locator(".chips a.chip").first
        assert chip.bounding_box()["x"] + chip.bounding_box()["width"] <= 390
        assert value in chip.inner_text().replace("\n", "")
    finally:
        context.close()


def test_an_active_facet_reads_left_to_right_with_its_count_at_the_end(page, base):
    page.goto(base + "/?q=fishermen&outlet=Harbor+Gazette")
    link = page.locator("section.facets a[aria-current='true']").first
    box = link.bounding_box()
    value = link.locator("bdi").bounding_box()
    count = link.locator(".count").bounding_box()
    assert value["x"] - box["x"] < 32  # just after the check mark, not centred
    assert abs((box["x"] + box["width"]) - (count["x"] + count["width"])) < 10
    plain = page.locator("section.facets a:not([aria-current])").first
    assert abs(plain.locator("bdi").bounding_box()["x"] - plain.bounding_box()["x"]) < 10


MARKED = ("el => { const s = getComputedStyle(el);"
          " return s.textDecorationLine.includes('underline') || s.borderBottomStyle !== 'none'; }")


def test_quotes_stay_marked_in_forced_colours(browser, base):
    """Windows high contrast (forced colours) drops backgrounds and box
    shadows: the yellow and the inset line were a quote's only marks, so the
    quotes, and the legend's sample of them, looked like the text around them;
    so were they a search hit's highlighted words in its bold headline."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    page = context.new_page()
    try:
        search(page, base, '"red line"')
        page.goto(base + page.locator("li.hit h3 a", has_text=SEED).get_attribute("href"))
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        quotes = page.locator("div.article-body .quote, .legend .quote-sample")
        assert quotes.count() >= 5
        assert set(quotes.evaluate_all(f"els => els.map({MARKED})")) == {True}
        assert page.locator("#p0").evaluate(MARKED) is False  # the text around them is not
        page.goto(f"{base}/?q={quote(chr(34) + 'red line' + chr(34))}")
        marks = page.locator("li.hit mark")  # in the bold headline too, where being bold tells nothing
        assert page.locator("li.hit h3 mark").count() >= 1 and set(marks.evaluate_all(f"els => els.map({MARKED})")) == {True}
    finally:
        context.close()


def test_the_speaker_tip_can_be_hovered_and_dismissed(page, base):
    """WCAG 1.4.13: the tip over a quote covers the line above it, so it must
    stay while the pointer moves onto it, and go with Escape without moving
    the pointer or the focus. It had `pointer-events: none` and a gap below
    it (moving up onto it hid it), and nothing took it away but leaving."""
    search(page, base, '"red line"')
    page.goto(base + page.locator("li.hit h3 a", has_text=SEED).get_attribute("href"))
    quote = page.locator("div.article-body .quote-lead").nth(1)
    quote.scroll_into_view_if_needed()
    first = quote.evaluate("el => { const r = el.getClientRects()[0]; return {x: r.left, top: r.top}; }")
    page.mouse.move(first["x"] + 6, first["top"] + 4)
    shown = "el => getComputedStyle(el, '::after').content.includes('Said by')"
    assert quote.evaluate(shown)
    for up in (2, 4, 6, 10):  # up across the gap, onto the tip
        page.mouse.move(first["x"] + 6, first["top"] - up)
        assert quote.evaluate(shown), f"{up}px above the quote"
    page.keyboard.press("Escape")
    assert not quote.evaluate(shown)  # the pointer has not moved
    page.mouse.move(0, 0)
    page.mouse.move(first["x"] + 6, first["top"] + 4)
    assert quote.evaluate(shown)  # pointing at it again shows it again
    page.mouse.move(0, 0)
    quote.focus()
    assert quote.evaluate(shown)
    page.keyboard.press("Escape")
    assert not quote.evaluate(shown) and quote.evaluate("el => el === document.activeElement")


def test_the_speaker_tip_stays_on_a_zoomed_screen(browser, base):
    """At 400% zoom (320 CSS px) or 200% (640), the tip of a quote that starts
    right of the middle ran past the window's edge: cut off, and a sideways
    scroll to read it (WCAG 1.4.10)."""
    for width in (320, 640):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            search(page, base, '"red line"')
            page.goto(base + page.locator("li.hit h3 a", has_text=SEED).get_attribute("href"))
            quotes = page.locator("div.article-body .quote-lead")
            assert quotes.count() >= 5
            for n in range(quotes.count()):
                quotes.nth(n).focus()
                assert quotes.nth(n).evaluate("el => getComputedStyle(el, '::after').content.includes('Said by')")
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, n)
            last = quotes.nth(quotes.count() - 1)
            last.hover()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, "hover")
        finally:
            context.close()


def test_a_date_box_shows_the_focus_ring_on_its_calendar_button(page, base):
    """Tab goes through a date box's day, month and year, then to its calendar
    button; there the box matched no :focus-visible and lost the ring the
    rest of the page shows, with only a thin ring round the small icon."""
    page.goto(base + "/?q=oil&outlet=Reuters")  # the filters open
    box = page.get_by_label("Published from")
    box.focus()
    ring = "el => [el === document.activeElement, getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]"
    states = []
    for _ in range(4):
        states.append(box.evaluate(ring + ".concat([el.matches(':focus-visible')])"))
        page.keyboard.press("Tab")
    on_box = [state for state in states if state[0]]
    assert any(not state[3] for state in on_box), states  # the calendar button was reached
    assert all(state[1] == "solid" and _rgb(state[2]) == (75, 41, 145) for state in on_box), states


def test_the_timeline_is_drawn_in_the_forced_colours(browser, base):
    """Forced colours recolour text and backgrounds but leave an SVG's fills
    and strokes: on a dark high-contrast theme the timeline's grey dates
    (2.9:1 on black), its blue dots and the first-seen label faded out."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active", color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{base}/quote-search?q={quote(OKAFOR)}&match=near")
        page.goto(base + page.locator("p.statement-link a").first.get_attribute("href"))
        ground = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert ground == (0, 0, 0)
        # What draws each: a line's stroke, a ring's stroke, a dot's and a label's fill.
        paint = ("els => els.map(e => { const s = getComputedStyle(e);"
                 " return [e.getAttribute('class'), e.tagName === 'line' || s.fill === 'none' ? s.stroke : s.fill]; })")
        texts = page.locator("figure.timeline text").evaluate_all(paint)
        marks = page.locator("figure.timeline line, figure.timeline circle").evaluate_all(paint)
        assert texts and marks
        faint = {(name, colour) for name, colour in texts if _contrast(_rgb(colour), ground) < 4.5}
        faint |= {(name, colour) for name, colour in marks if _contrast(_rgb(colour), ground) < 3}
        assert faint == set()
    finally:
        context.close()


def test_the_slash_shortcut_can_be_turned_off(page, base, nojs_page):
    """A one-key shortcut must be one a user can turn off (WCAG 2.1.4): "/"
    took the focus to the query box and selected the query, so a speech user
    saying "slash", or a keyboard user used to a browser's "/" find, lost
    their place and had the next keys typed over the query."""
    page.goto(base + "/?q=fishermen")
    box, setting = page.get_by_label("Query"), page.get_by_label(re.compile("/ jumps to the search box"))
    assert setting.is_visible() and setting.is_checked()
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "f-q"  # on by default, as before
    setting.uncheck()
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") != "f-q" and box.input_value() == "fishermen"
    page.goto(base + "/quote-search")  # remembered on the other pages
    assert not page.get_by_label(re.compile("/ jumps to the search box")).is_checked()
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") != "f-q"
    page.get_by_label(re.compile("/ jumps to the search box")).check()
    nojs_page.goto(base + "/")  # without the script there is no shortcut, and no setting for it
    assert nojs_page.get_by_label(re.compile("/ jumps to the search box")).count() == 0 or \
        not nojs_page.get_by_label(re.compile("/ jumps to the search box")).is_visible()


def test_the_api_docs_run_under_a_policy_of_this_origins_scripts_only(page, base):
    """Swagger UI's start-up was an inline script, so /docs could not forbid inline
    scripts: it now comes from /docs/init.js, and the page draws every operation with
    nothing refused by its Content-Security-Policy."""
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    response = page.goto(base + "/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock-summary-path", has_text="/search").first.wait_for()
    assert page.locator(".opblock").count() >= 15
    page.locator(".opblock-summary-path", has_text="/search").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.locator(".responses-wrapper .response-col_status", has_text="200").first.wait_for()
    assert refused == []
