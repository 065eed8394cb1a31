import time
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True)

def test_trial(site, page):
    t = time.time()
    page.goto(site.url("fi", "portal:home"))
    print("goto", time.time() - t)
    print(page.evaluate("() => document.documentElement.lang"))
    t = time.time()
    r = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa"]}})
    print("axe", time.time() - t, r.generate_snapshot())
