"""The PK's main path with the keyboard alone — Tab, Enter, Escape and typing, never a click: log in, open the
client from the menu and the list, record a guidance activity in the progress book."""
from __future__ import annotations

from tests.e2e.conftest import EXPIRY, START, TODAY
from tests.e2e.journeys import in_tahap_awal

NAME = "Hadi Kurniawan"


def tab_until(page, predicate: str, limit: int = 120) -> None:
    """Press Tab until the focused element satisfies the JS predicate `el => ...`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate})(el); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def by_id(element_id: str) -> str:
    return f"el => el.id === {element_id!r}"


def select2(page, field: str, typed: str) -> None:
    """Open a Select2 field with Enter; type to filter where it offers a search box, otherwise walk the options
    with the arrow keys; Enter chooses."""
    tab_until(page, f"el => el.classList.contains('select2-selection') && "
                    f"el.closest('.select2-container').previousElementSibling.id === {field!r}")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.classList.contains('select2-search__field')"):
        page.keyboard.type(typed)
    highlighted = ".select2-results__option--highlighted"
    for _ in range(40):
        if typed in (page.locator(highlighted).first.inner_text() if page.locator(highlighted).count() else ""):
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError(f"no option {typed!r} in {field}")
    page.keyboard.press("Enter")
    assert typed in page.evaluate(f"document.getElementById({field!r}).selectedOptions[0].text")


def test_pk_records_an_activity_with_the_keyboard_only(person, live):
    in_tahap_awal(live, NAME, START, EXPIRY, approved=())
    me = person("keyboard")
    page = me.page
    page.goto(live.url + "/login/")

    tab_until(page, by_id("username"))
    page.keyboard.type("pk_a")
    tab_until(page, by_id("password"))
    page.keyboard.type("Uji-Sandi-2026!")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # the menu: Klien -> Klien, then the client's row in the list
    tab_until(page, "el => el.matches('a.dropdown-toggle') && el.textContent.trim().startsWith('Klien')")
    page.keyboard.press("Enter")
    tab_until(page, "el => el.matches('a[href^=\"/clientview/list\"]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sibika-skip')"), "the skip link comes first"
    me.shot("lewati-ke-isi")
    page.keyboard.press("Enter")
    tab_until(page, "el => el.matches('a[href*=\"/clientview/show/\"]') && "
                    f"el.closest('tr').textContent.includes({NAME!r})")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert NAME in page.locator("main").inner_text()

    # the client's file -> the progress book's "+" (the child is fixed, not chosen)
    tab_until(page, "el => el.matches('a[href^=\"/klien/\"]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_until(page, "el => el.matches('#buku-perkembangan a[href^=\"/progressentryview/add\"]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert NAME in page.locator("#client-shown").inner_text()
    tab_until(page, by_id("happened_on"))
    page.keyboard.type(TODAY.isoformat())
    page.keyboard.press("Escape")
    select2(page, "kind", "Konseling")
    tab_until(page, by_id("place"))
    page.keyboard.type("Kantor Bapas")
    tab_until(page, by_id("what_happened"))
    page.keyboard.type("Konseling kelompok tentang pengendalian diri")
    me.screen("kegiatan-dengan-keyboard")
    tab_until(page, "el => el.matches('main [type=submit]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/progressentryview/add" not in page.url, me.flash_text()

    def recorded(session, world):
        from models import Client, ProgressEntry

        return session.query(ProgressEntry).join(Client).filter(
            Client.full_name == NAME, ProgressEntry.kind == "konseling",
            ProgressEntry.happened_on == TODAY).count()

    assert live.seed(recorded) == 1
