"""End to end in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium):
the web app served by `rashomon serve` on a free loopback port, and the report opened from disk.

Every page is loaded, a finding is followed to its evidence and a name to its entity page, and
what is on screen is asserted. A screenshot of each page goes to artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from rashomon import analyze
from rashomon.outputs.report import write_report
from rashomon.store import Store

from .conftest import ROOT
from .webdata import sample_store, serving

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = ROOT / "artifacts" / "screenshots"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000")

webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[dev]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver in /usr/bin "
                                       "(apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def chromium(profile: Path, *flags: str):
    """A headless Chromium with its own profile (and `flags`), its console log kept."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, *flags, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory):
    with serving(store_path, tmp_path_factory.mktemp("server") / "serve.log") as base:
        yield base


def wait(driver, condition, timeout: float = 15):
    return WebDriverWait(driver, timeout).until(condition)


def shot(driver, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def visible_section(driver):
    return [s for s in driver.find_elements(By.CSS_SELECTOR, "section.page") if s.is_displayed()]


def click(driver, element) -> None:
    """Click like a user, with the element scrolled to the middle (clear of the sticky header)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def h1(driver) -> str:
    return next(e.text for e in driver.find_elements(By.TAG_NAME, "h1") if e.is_displayed())


# ---------------------------------------------------------------- the web app

def test_app_pages_load_and_show_their_content(browser, server):
    checks = [("/", "sources", "Sources", "td a.doclink"), ("/findings", "findings", "Findings", "section.finding"),
              ("/timeline", "timeline", "Timeline", ".tl-item"), ("/map", "map", "Map", ".leaflet-interactive"),
              ("/search?q=mortars", "search", "Search", "ol.results li"),
              ("/entities/sarhadi-liberation-front", "entity", "Sarhadi Liberation Front", "table.by-source td")]
    for path, name, title, selector in checks:
        browser.get(server + path)
        wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, selector)))
        assert title in h1(browser), path
        shot(browser, f"app-{name}")
        assert not console_errors(browser), (path, console_errors(browser))
    browser.get(server + "/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.sources tbody tr")) == 4
    assert "independent press" in browser.find_element(By.CSS_SELECTOR, "table.sources").text


def test_app_finding_leads_to_its_evidence(browser, server):
    browser.get(server + "/findings")
    first = browser.find_element(By.CSS_SELECTOR, "section.finding")
    assert "conflict" in first.find_element(By.CSS_SELECTOR, ".kind").text.lower()
    values = [v.text for v in first.find_elements(By.CSS_SELECTOR, ".claim-value")]
    assert len(values) >= 2 and len(set(values)) > 1
    claim_sentence = first.find_element(By.CSS_SELECTOR, ".claim blockquote").text
    click(browser, first.find_element(By.CSS_SELECTOR, "a.evidence-link"))
    evidence = wait(browser, ec.visibility_of_element_located((By.ID, "evidence")))
    assert "/documents/" in browser.current_url and "hl=" in browser.current_url
    assert (evidence.text and evidence.text in claim_sentence.replace("\n", " ")) or claim_sentence.startswith(
        evidence.text[:20])
    shot(browser, "app-document-evidence")


def test_app_name_leads_to_its_entity_page(browser, server):
    browser.get(server + "/")
    browser.find_element(By.LINK_TEXT, "Briefing: restoration of order at Tarvand").click()
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "article.text")))
    assert browser.find_element(By.CSS_SELECTOR, ".seg.embedded_post").is_displayed()
    shot(browser, "app-document")
    click(browser, browser.find_element(By.CSS_SELECTOR, "article.text a.ent.PERSON"))
    wait(browser, ec.url_contains("/entities/"))
    assert h1(browser).startswith("Hamid Rostami")
    assert "Briefing: restoration of order at Tarvand" in browser.find_element(By.CSS_SELECTOR, "table.by-source").text
    shot(browser, "app-entity-person")


def test_app_framing_sets_the_sources_side_by_side(browser, server):
    browser.get(server + "/framing")
    table = wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "table.framing")))
    assert "Framing" in h1(browser) and not console_errors(browser)
    sources = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
    # Dariush Kamrani, whom three accounts put words to ("Commander", "The gang's ringleader", "SLF leader")
    assert len(sources) == 3 and any("Briefing: restoration of order at Tarvand" in s for s in sources)
    words = table.find_elements(By.CSS_SELECTOR, "tr.words td")
    assert len(words) == len(sources)  # one column per source, its own words in it
    assert sum(bool(td.find_elements(By.CSS_SELECTOR, ".chip.label")) for td in words) >= 2
    shot(browser, "app-framing")
    click(browser, browser.find_element(By.CSS_SELECTOR, ".framing-subject h2 a.entlink"))
    wait(browser, ec.url_contains("/entities/"))
    columns = browser.find_elements(By.CSS_SELECTOR, "table.by-source thead th[scope=col]")
    assert len(columns) == len(sources)
    assert browser.find_element(By.CSS_SELECTOR, "table.by-source tr.words .chip.label").text


def test_app_timeline_zooms_and_map_shows_places(browser, server):
    browser.get(server + "/timeline")
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".tl-item.conflict")))
    scale = browser.find_element(By.CSS_SELECTOR, ".tl-scale").text
    for _ in range(6):
        browser.find_element(By.CSS_SELECTOR, "[data-zoom=in]").click()
    assert browser.find_element(By.CSS_SELECTOR, ".tl-scale").text not in (scale, "")
    browser.find_element(By.CSS_SELECTOR, "[data-zoom=fit]").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, ".tl-lane")) == 4
    browser.get(server + "/map")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "[data-map]").get_attribute("data-ready"))
    paths = browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")
    assert len(paths) >= 2  # the located places (outlines are not interactive)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 100  # country outlines
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", paths[-1])
    popup = wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup-content")))
    assert "source" in popup.text
    assert "Marzabad Coast" in browser.find_element(By.CSS_SELECTOR, ".map-layout aside").text
    shot(browser, "app-map-popup")


def test_app_timeline_keeps_its_zoom_in_the_url_and_conflicts_at_every_zoom(browser, server):
    browser.get(server + "/timeline")
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".tl-item.conflict")))
    scales = []
    for _ in range(3):
        browser.find_element(By.CSS_SELECTOR, "[data-zoom=in]").click()
        scales.append(browser.find_element(By.CSS_SELECTOR, ".tl-scale").text)
    assert "from=" in browser.current_url and "to=" in browser.current_url
    zoomed = browser.current_url
    browser.get(zoomed)  # a reload, or the link sent to someone: the same view
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, ".tl-scale")))
    assert browser.find_element(By.CSS_SELECTOR, ".tl-scale").text == scales[-1] and browser.current_url == zoomed
    browser.find_element(By.CSS_SELECTOR, "[data-zoom=fit]").click()
    for _ in range(14):
        browser.find_element(By.CSS_SELECTOR, "[data-zoom=out]").click()
        scales.append(browser.find_element(By.CSS_SELECTOR, ".tl-scale").text)
        conflicts = browser.find_elements(By.CSS_SELECTOR, ".tl-item.conflict")
        assert conflicts and all(c.is_displayed() and c.size["width"] >= 8 for c in conflicts), scales
    assert any("week" in s for s in scales) and any("decade" in s for s in scales)
    assert browser.find_element(By.CSS_SELECTOR, ".tl-legend").is_displayed()


def test_app_search_box_and_404(browser, server):
    browser.get(server + "/")
    box = browser.find_element(By.CSS_SELECTOR, ".quick-search input")
    box.send_keys("mortars Golzar\n")
    wait(browser, ec.url_contains("/search"))
    assert "What I saw at the bridge" in browser.find_element(By.CSS_SELECTOR, "ol.results").text
    browser.get(server + "/documents/doc-000000000000")
    assert "Not found" in h1(browser) and "Traceback" not in browser.page_source
    shot(browser, "app-404")


def test_app_shows_documents_analysed_while_it_runs_on_reload(browser, store_path, tmp_path):
    db = tmp_path / "live.db"
    shutil.copy(store_path, db)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "late-report.txt").write_text("Fishermen said the harbour of Kavala was shelled on 4 June "
                                                        "2011 and that 12 boats were sunk.\n")
    with serving(db, tmp_path / "serve.log") as base:
        browser.get(base + "/")
        assert len(browser.find_elements(By.CSS_SELECTOR, "table.sources tbody tr")) == 4
        with analyze([tmp_path / "inbox" / "late-report.txt"], db=db):
            pass
        browser.refresh()
        table = browser.find_element(By.CSS_SELECTOR, "table.sources")
        assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 5
        assert "late-report.txt" in table.text and "inbox" not in browser.page_source  # its name, not its folders
        browser.get(base + "/search?q=Kavala")
        assert "late-report.txt" in browser.find_element(By.CSS_SELECTOR, "ol.results").text
        shot(browser, "app-live-search")


def test_app_costly_search_and_odd_numbers_give_pages(browser, server, store_path):
    started = time.perf_counter()
    browser.get(server + "/search?q=" + "bridge+" * 800)
    assert time.perf_counter() - started < 5
    assert "too long" in browser.find_element(By.CSS_SELECTOR, "main").text
    assert "What I saw at the bridge" in browser.find_element(By.CSS_SELECTOR, "ol.results").text
    with sqlite3.connect(store_path) as con:
        doc = con.execute("SELECT id FROM document WHERE file LIKE '%gazette%'").fetchone()[0]
    for path in ("/?page=%D9%A3", "/findings?page=" + "9" * 40, f"/documents/{doc}?hl=%D9%A3-%D9%A4",
                 f"/documents/{doc}?hl=1-" + "9" * 40):
        browser.get(server + path)
        assert "Something went wrong" not in browser.page_source, path
        assert h1(browser), path
    assert "Clash at Tarvand Bridge" in h1(browser)


def test_a_page_of_another_name_cannot_read_the_app(server, tmp_path):
    """DNS rebinding: a hostile site's name made to resolve to 127.0.0.1 reaches the server with its
    own name as Host, and gets no page of the store."""
    port = server.rsplit(":", 1)[1]
    rebound = chromium(tmp_path / "profile", "--host-resolver-rules=MAP rebind.test 127.0.0.1")
    try:
        rebound.get(f"http://rebind.test:{port}/")
        assert "Harbor Gazette" not in rebound.page_source and "not reached by that name" in rebound.page_source
        rebound.get(f"http://127.0.0.1:{port}/")
        assert "Harbor Gazette" in rebound.page_source
    finally:
        rebound.quit()


# ---------------------------------------------------------------- the report from disk

@pytest.fixture(scope="module")
def report_url(store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    with Store(store_path, readonly=True) as store:
        write_report(store, out)
    return out.as_uri()


def test_report_pages_from_disk(browser, report_url):
    browser.get(report_url)
    browser.get_log("browser")  # only this page's messages count
    assert [s.get_attribute("id") for s in visible_section(browser)] == ["sources"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#sources table.sources tbody tr")) == 4
    shot(browser, "report-sources")
    for name, selector in (("findings", "section.finding"), ("framing", "table.framing .chip.label"),
                           ("timeline", ".tl-item"),
                           ("map", "path.leaflet-interactive"), ("search", "[data-report-search]")):
        browser.find_element(By.CSS_SELECTOR, f'header.top nav a[href="#{name}"]').click()
        wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, f"#{name} {selector}")))
        assert [s.get_attribute("id") for s in visible_section(browser)] == [name]
        shot(browser, f"report-{name}")
    box = browser.find_element(By.CSS_SELECTOR, "[data-report-search] input")
    box.send_keys("mortars")
    assert "What I saw at the bridge" in browser.find_element(By.CSS_SELECTOR, "[data-search-results]").text
    assert not console_errors(browser), console_errors(browser)


def test_report_finding_to_evidence_and_name_to_entity(browser, report_url):
    browser.get(report_url + "#findings")
    first = browser.find_element(By.CSS_SELECTOR, "#findings section.finding")
    click(browser, first.find_element(By.CSS_SELECTOR, "a.evidence-link"))
    section = visible_section(browser)
    assert len(section) == 1 and section[0].get_attribute("id").startswith("doc-")
    target = browser.find_element(By.CSS_SELECTOR, "mark.evidence-anchor:target")
    assert target.is_displayed() and target.text
    shot(browser, "report-document-evidence")
    click(browser, section[0].find_element(By.CSS_SELECTOR, "article.text a.ent"))
    section = visible_section(browser)
    assert len(section) == 1 and section[0].get_attribute("id").startswith("entity-")
    assert section[0].find_element(By.TAG_NAME, "h1").text
    shot(browser, "report-entity")


def test_report_opened_at_a_section_draws_it(browser, report_url):
    browser.get(report_url + "#timeline")
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "#timeline .tl-item")))
    assert [s.get_attribute("id") for s in visible_section(browser)] == ["timeline"]


def test_report_timeline_fits_the_story_not_the_dates_of_page_chrome(browser, tmp_path):
    from .webdata import chrome_store

    out = tmp_path / "chrome-report.html"
    with Store(chrome_store(tmp_path), readonly=True) as store:
        write_report(store, out)
    browser.get(out.as_uri() + "#timeline")
    wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "#timeline .tl-item")))
    scale = browser.find_element(By.CSS_SELECTOR, "#timeline .tl-scale").text
    assert scale in ("one tick = one day", "one tick = one hour"), scale  # days of 1994, not the 19th century
