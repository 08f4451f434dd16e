"""Bytes a phone transfers on the first view of a page, by type, in headless Chromium.

First view: a fresh browser context (empty cache) at 390×844, the page loaded until the
network is idle, nothing scrolled (lazy images below the fold are not fetched, as on a phone).
Transferred bytes are what came over the wire: compressed bodies plus response headers, as
Chromium reports them (``request.sizes()``).
"""
import os
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
BUDGET_TOTAL = 150 * 1024  # DESIGN.md, Targets: first view ≤ 150 KB, JavaScript ≤ 30 KB
BUDGET_JS = 30 * 1024
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "images", "font": "fonts"}


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
    )


def page_weight(browser, url: str) -> dict:
    """``{"html", "css", "js", "images", "fonts", "other", "total", "requests", "status"}`` in bytes."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    response = page.goto(url, wait_until="networkidle")
    weights = {kind: 0 for kind in (*KINDS.values(), "other")}
    for request in responses:
        sizes = request.sizes()
        transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        weights[KINDS.get(request.resource_type, "other")] += transferred
    context.close()
    weights["total"] = sum(weights.values())
    weights["requests"] = len(responses)
    weights["status"] = response.status if response else None
    return weights


def page_weights(base_url: str, paths: dict) -> dict:
    """``{name: page_weight}`` for each ``{name: path}``."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return {name: page_weight(browser, base_url + path) for name, path in paths.items()}
        finally:
            browser.close()
