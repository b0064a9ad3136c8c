"""Screenshot of the user form's Focus Transfers section, for the README.

Developer tool, not part of the test command: needs a running Odoo with the
addons (``scripts/run``) and ``pip install playwright`` (it drives the
machine's Chromium, no browser download)::

    python3 tools/screenshot_user_form.py --url http://127.0.0.1:8069 \
        --db fl_demo --out docs/img/user-form-focus-transfers.png
"""

import argparse
import shutil

from playwright.sync_api import sync_playwright


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="fl_demo")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--user-id", type=int, default=2)
    parser.add_argument("--out", default="docs/img/user-form-focus-transfers.png")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{args.url}/web/login?db={args.db}")
        page.fill("input[name=login]", args.login)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        page.wait_for_url("**/odoo**")
        page.goto(f"{args.url}/odoo/action-base.action_res_users/{args.user_id}")
        rights = page.locator(".o_notebook .tab-pane.active")
        rights.locator("[name=fl_import_right_ids]").wait_for()
        rights.screenshot(path=args.out)
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
