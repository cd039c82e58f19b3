#!/usr/bin/env python3
"""Checks a `rex report` site in headless Chromium as a person would use it.

Usage: python3 scripts/report/check.py SITE_DIR SHOTS_DIR [--chromium BINARY]

For every page: no console error, uncaught exception or failed load, no request off the file system, a
language, a heading, labelled fields and named buttons. Then: the map has outlines and event dots inside its
frame; the timeline has bars; the keyboard alone reaches the filters and the sort buttons (Tab), sorts
(Enter) and filters (typing), reaches and presses a coreference-chain button, and follows an event slot to
the words it rests on, with a visible focus ring each time; text and highlight colours meet WCAG AA (4.5:1
for text, 3:1 for graphics) as rendered. Screenshots go to SHOTS_DIR/*.png. Exit status 1 on any failure.
"""
import base64
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

WIDTH, HEIGHT = 1280, 900
failures = []
passed = [0]


def check(ok, message):
    print(("  ok    " if ok else "  FAIL  ") + message)
    if ok:
        passed[0] += 1
    else:
        failures.append(message)
    return ok


def js(page, expression):
    r = page.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
    if "exceptionDetails" in r:
        raise RuntimeError("page script failed: %s" % r["exceptionDetails"].get("text"))
    return r["result"].get("value")


KEYS = {"Tab": ("Tab", "Tab", 9, None), "Enter": ("Enter", "Enter", 13, "\r"), "Space": (" ", "Space", 32, " "),
        "ArrowDown": ("ArrowDown", "ArrowDown", 40, None)}


def press(page, name, shift=False):
    key, code, vk, text = KEYS[name]
    params = dict(key=key, code=code, windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk, modifiers=8 if shift else 0)
    if text:
        page.call("Input.dispatchKeyEvent", type="keyDown", text=text, **params)
    else:
        page.call("Input.dispatchKeyEvent", type="rawKeyDown", **params)
    page.call("Input.dispatchKeyEvent", type="keyUp", **params)


def settle(page):
    js(page, "new Promise(r => requestAnimationFrame(() => setTimeout(r, 80)))")


def visit(page, url):
    page.events.clear()
    page.call("Page.navigate", url=url)
    page.wait_for("Page.loadEventFired")
    settle(page)


def problems(page):
    """Console errors, exceptions, failed loads and off-disk requests since the last visit."""
    out = []
    for e in page.events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            out.append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])))
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            out.append("log: %s %s" % (p["entry"].get("text"), p["entry"].get("url", "")))
        elif m == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith(("file:", "data:", "about:")):
                out.append("request off the file system: " + url)
    return out


FOCUS = r"""(() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const cs = getComputedStyle(e);
  let name = e.getAttribute('aria-label') || '';
  if (!name && e.labels && e.labels.length) name = e.labels[0].textContent;
  if (!name) { const t = e.querySelector && e.querySelector('title'); name = t ? t.textContent : e.textContent; }
  let visible = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  if (!visible && e.closest('svg')) {
    const c = e.querySelector('circle');
    if (c) visible = parseFloat(getComputedStyle(c).strokeWidth) >= 3;
  }
  return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.getAttribute('class') || '', href: e.getAttribute('href') || '',
          name: (name || '').replace(/\s+/g, ' ').trim().slice(0, 80), visible: visible, inTh: !!e.closest('th'),
          inSvg: !!e.closest('svg.map')};
})()"""


def tab_walk(page, limit, stop=None):
    """Presses Tab up to `limit` times on a freshly loaded page; returns what had focus after each press."""
    seen = []
    for _ in range(limit):
        press(page, "Tab")
        f = js(page, FOCUS)
        if f is None:
            break
        seen.append(f)
        if stop and stop(f):
            break
    return seen


def screenshot(page, path, full=False, max_height=2600):
    clip = None
    if full:
        h = js(page, "Math.ceil(document.documentElement.scrollHeight)")
        clip = {"x": 0, "y": 0, "width": WIDTH, "height": min(h, max_height), "scale": 1}
    params = {"format": "png"}
    if clip:
        params.update(clip=clip, captureBeyondViewport=True)
    data = page.call("Page.captureScreenshot", **params)["data"]
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))
    print("  shot  " + path)


# --- colour ---------------------------------------------------------------------------------------------

def parse_colour(s):
    s = s.strip()
    if s.startswith("#"):
        h = s[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) + (1.0,)
    m = re.match(r"rgba?\(([^)]*)\)", s)
    if not m:
        raise ValueError("colour " + s)
    parts = [p for p in re.split(r"[\s,/]+", m.group(1)) if p]
    r, g, b = (float(x) for x in parts[:3])
    a = float(parts[3]) if len(parts) > 3 else 1.0
    return (r, g, b, a)


def over(top, bottom):
    a = top[3]
    return tuple(top[i] * a + bottom[i] * (1 - a) for i in range(3)) + (1.0,)


def luminance(c):
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PALETTE = r"""(() => {
  const cs = getComputedStyle(document.documentElement);
  const names = ['fg','bg','muted','link','focus','panel','date-bg','date-line','place-bg','place-line','org-bg','org-line',
                 'person-bg','person-line','trig-bg','trig-line','sup-bg','sup-line','on-bg','on-fg','land','mali','sea'];
  const out = {};
  for (const n of names) out[n] = cs.getPropertyValue('--' + n).trim();
  return out;
})()"""

RENDERED = r"""(() => {
  const sels = ['mark.m.m-date', 'mark.m.m-place', 'mark.m.m-org', 'mark.m.m-person', 'mark.m.nom', 'mark.trig', 'span.sup',
    'mark.m.on', 'button.chain[aria-pressed=true]', 'button.chain', 'button.sort', 'a', 'p', 'td', 'th', 'label', 'caption',
    'h1', 'h2', 'h3', 'dt', 'dd', '.note', '.meta', '.hint', '.status', 'footer', '.etype', 'code', 'input', 'select',
    'svg.timeline text', 'svg.map text'];
  function rgba(s) { return s; }
  function background(el) {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
      const b = getComputedStyle(e).backgroundColor;
      layers.push(b);
      if (!/rgba\(.*,\s*0\)$/.test(b) && !/^rgba\(.*,\s*0(\.0+)?\)$/.test(b) && !b.startsWith('rgba') ) break;
      if (b.startsWith('rgba')) { const a = parseFloat(b.split(',')[3]); if (a >= 1) break; }
    }
    layers.push('rgb(255, 255, 255)');
    return layers;
  }
  const out = [];
  for (const sel of sels) {
    let n = 0;
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || !el.textContent.trim()) continue;
      const cs = getComputedStyle(el);
      const inSvg = el instanceof SVGElement;
      out.push({sel: sel, text: el.textContent.trim().slice(0, 30), fg: inSvg ? cs.fill : cs.color,
                bg: background(el), map: !!el.closest('svg.map')});
      if (++n >= 4) break;
    }
  }
  const dots = [...document.querySelectorAll('svg.map circle.dot')].map(c => {
    const cs = getComputedStyle(c);
    return {fill: cs.fill, stroke: cs.stroke, opacity: parseFloat(cs.fillOpacity), unknown: c.classList.contains('unknown')};
  });
  const bars = [...document.querySelectorAll('svg.timeline rect.bar')].map(r => getComputedStyle(r).fill);
  return {text: out, dots: dots, bars: bars};
})()"""


def effective_bg(layers):
    colour = parse_colour(layers[-1])
    for layer in reversed(layers[:-1]):
        colour = over(parse_colour(layer), colour)
    return colour


def check_rendered_contrast(page, where, palette):
    data = js(page, RENDERED)
    worst = {}
    for item in data["text"]:
        fg = parse_colour(item["fg"])
        if item["map"]:
            # Map labels sit on land, on Mali or on the sea: the worst of the three counts.
            ratio = min(contrast(over(fg, parse_colour(palette[k])), parse_colour(palette[k])) for k in ("land", "mali", "sea"))
        else:
            bg = effective_bg(item["bg"])
            ratio = contrast(over(fg, bg), bg)
        key = item["sel"]
        if key not in worst or ratio < worst[key][0]:
            worst[key] = (ratio, item["text"])
    for key, (ratio, text) in sorted(worst.items()):
        check(ratio >= 4.5, "%s: text contrast %s %.2f:1 (%r)" % (where, key, ratio, text))
    land = [parse_colour(palette[k]) for k in ("land", "mali")]
    for d in {(d["fill"], d["stroke"], d["opacity"], d["unknown"]) for d in data["dots"]}:
        fill, stroke, opacity, unknown = d
        colour = parse_colour(stroke if unknown else fill)
        ratio = min(contrast(over(colour[:3] + (1.0 if unknown else opacity,), l), l) for l in land)
        check(ratio >= 3, "%s: map dot %s against the land %.2f:1" % (where, stroke if unknown else fill, ratio))
    for fill in sorted(set(data["bars"])):
        ratio = contrast(parse_colour(fill), (255, 255, 255, 1))
        check(ratio >= 3, "%s: timeline bar %s against the page %.2f:1" % (where, fill, ratio))


def check_palette(palette):
    missing = [k for k, v in palette.items() if not v]
    if not check(not missing, "palette: the stylesheet defines every colour %s" % (missing or "")):
        return
    fg = parse_colour(palette["fg"])
    for kind in ("date", "place", "org", "person", "trig", "sup"):
        bg = parse_colour(palette[kind + "-bg"])
        check(contrast(fg, bg) >= 4.5, "palette: text on %s highlight %.2f:1" % (kind, contrast(fg, bg)))
        line = parse_colour(palette[kind + "-line"])
        check(contrast(line, bg) >= 3, "palette: %s underline against its highlight %.2f:1" % (kind, contrast(line, bg)))
    pairs = [("on-fg", "on-bg", "selected chain"), ("bg", "fg", "hover note (white on dark)"), ("muted", "bg", "muted text"),
             ("link", "bg", "links"), ("fg", "panel", "text on panels"), ("link", "panel", "links on panels")]
    for a, b, what in pairs:
        r = contrast(parse_colour(palette[a]), parse_colour(palette[b]))
        check(r >= 4.5, "palette: %s %.2f:1" % (what, r))
    for k in ("bg", "panel"):
        r = contrast(parse_colour(palette["focus"]), parse_colour(palette[k]))
        check(r >= 3, "palette: focus ring against %s %.2f:1" % (k, r))


# --- pages ----------------------------------------------------------------------------------------------

COMMON = r"""(() => ({
  lang: document.documentElement.lang,
  title: document.title,
  h1: document.querySelectorAll('h1').length,
  unlabelled: [...document.querySelectorAll('input, select, textarea')].filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.name),
  unnamed: [...document.querySelectorAll('button')].filter(b => !b.textContent.trim() && !b.getAttribute('aria-label')).length,
  brokenAnchors: [...document.querySelectorAll('a[href^="#"]')].map(a => decodeURIComponent(a.getAttribute('href').slice(1))).filter(id => id && !document.getElementById(id)).slice(0, 5),
  duplicateIds: (() => { const s = new Set(), d = []; for (const e of document.querySelectorAll('[id]')) { if (s.has(e.id)) d.push(e.id); s.add(e.id); } return d.slice(0, 5); })(),
}))()"""


def common_checks(page, where):
    errs = problems(page)
    check(not errs, "%s: no console error, exception, failed load or network request%s" % (
        where, "" if not errs else ": " + "; ".join(errs[:5])))
    c = js(page, COMMON)
    check(c["lang"] == "en" and c["title"] and c["h1"] == 1, "%s: lang, title and one h1" % where)
    check(not c["unlabelled"], "%s: every field has a label %s" % (where, c["unlabelled"] or ""))
    check(c["unnamed"] == 0, "%s: every button has a name" % where)
    check(not c["brokenAnchors"], "%s: in-page links land on an element %s" % (where, c["brokenAnchors"] or ""))
    check(not c["duplicateIds"], "%s: ids are unique %s" % (where, c["duplicateIds"] or ""))


def main():
    args = sys.argv[1:]
    binary = "chromium"
    if "--chromium" in args:
        i = args.index("--chromium")
        binary = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    site, shots = (os.path.abspath(a) for a in args)
    os.makedirs(shots, exist_ok=True)
    url = lambda rel: "file://" + os.path.join(site, rel)
    docs = sorted(os.listdir(os.path.join(site, "docs")))

    with Browser(binary, WIDTH, HEIGHT) as b:
        p = b.page
        for domain in ("Page", "Runtime", "Log", "Network"):
            p.call(domain + ".enable")
        p.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

        ctx = {}

        def page_index():
            print("index")
            visit(p, url("index.html"))
            common_checks(p, "index")
            ctx["palette"] = palette = js(p, PALETTE)
            check_palette(palette)
            rows = js(p, "document.querySelectorAll('tbody tr').length")
            check(rows == len(docs), "index: one row per document (%d of %d)" % (rows, len(docs)))
            check_rendered_contrast(p, "index", palette)
            screenshot(p, os.path.join(shots, "index.png"), full=True)

        def page_documents():
            print("documents")
            palette = ctx.get("palette") or {}
            sizes = {}
            for d in docs:
                visit(p, url("docs/" + d))
                common_checks(p, d)
                n = js(p, "[document.querySelectorAll('#text .m').length, document.querySelectorAll('li.event').length, document.querySelectorAll('button.chain').length]")
                check(n[0] > 0, "%s: %d mentions highlighted, %d events, %d chain buttons" % (d, n[0], n[1], n[2]))
                sizes[d] = n
            # Keyboard on the document with the fewest events before its chain buttons.
            d = min((x for x in docs if sizes[x][2] > 0), key=lambda x: sizes[x][1])
            visit(p, url("docs/" + d))
            walk = tab_walk(p, 200, stop=lambda f: "chain" in f["cls"])
            check(walk and walk[0]["cls"] == "skip", "%s: the first Tab reaches the skip link" % d)
            slot = next((f for f in walk if "slot" in f["cls"]), None)
            chain = walk[-1] if walk and "chain" in walk[-1]["cls"] else None
            check(slot is not None, "%s: Tab reaches the event slot links" % d)
            check(chain is not None, "%s: Tab reaches the chain buttons (after %d presses)" % (d, len(walk)))
            check(all(f["visible"] for f in walk), "%s: focus ring visible on every stop %s" % (
                d, [f["name"] for f in walk if not f["visible"]][:5]))
            if chain:
                press(p, "Enter")
                settle(p)
                on = js(p, "[document.querySelectorAll('#text .m.on').length, document.activeElement.getAttribute('aria-pressed'), document.getElementById('chain-status').textContent]")
                check(on[0] > 0 and on[1] == "true" and on[2], "%s: Enter on '%s' highlights its chain (%d mentions: %s)" % (d, chain["name"], on[0], on[2]))
                check_rendered_contrast(p, d + " (chain on)", palette)
                press(p, "Space")
                settle(p)
                off = js(p, "[document.querySelectorAll('#text .m.on').length, document.activeElement.getAttribute('aria-pressed')]")
                check(off[0] == 0 and off[1] == "false", "%s: Space on it again clears the chain" % d)
            if slot:
                js(p, "document.querySelector('a.slot[href=\"%s\"]').focus()" % slot["href"])
                press(p, "Enter")
                settle(p)
                f = js(p, FOCUS)
                tip = js(p, "getComputedStyle(document.activeElement, '::after').content")
                check(f is not None and "#" + f["id"] == slot["href"] and f["visible"],
                      "%s: Enter on the slot link '%s' moves focus to the words %s" % (d, slot["name"], slot["href"]))
                check(tip not in (None, "", "none", "normal"), "%s: the focused words show their note: %s" % (d, (tip or "")[:80]))

            # Screenshot: the richest document, a chain on and the note of a place shown under the pointer.
            shot_doc = max(docs, key=lambda x: sizes[x][1] if sizes[x][1] < 20 else 0)
            visit(p, url("docs/" + shot_doc))
            js(p, "document.querySelector('button.chain').click()")
            box = js(p, r"""(() => { const m = [...document.querySelectorAll('#text mark.m-place:not(.nom)')][2] || document.querySelector('#text mark.m');
                m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()""")
            p.call("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
            settle(p)
            screenshot(p, os.path.join(shots, "document.png"))

        def page_events():
            print("events")
            palette = ctx.get("palette") or {}
            visit(p, url("events.html"))
            common_checks(p, "events")
            total = js(p, "document.querySelectorAll('#events-table tbody tr').length")
            walk = tab_walk(p, 60)
            ids = [f["id"] for f in walk]
            fields = ["f-from", "f-to", "f-type", "f-actor", "f-place", "f-cas", "f-doc", "f-reset"]
            check(all(x in ids for x in fields), "events: Tab reaches every filter %s" % [x for x in fields if x not in ids])
            sorts = [i for i, f in enumerate(walk) if f["tag"] == "button" and f["inTh"]]
            check(len(sorts) == 8, "events: Tab reaches the 8 sort buttons in the header (%d)" % len(sorts))
            check(sorts and all(ids.index(x) < sorts[0] for x in fields if x in ids), "events: filters come before the table in tab order")
            check(all(f["visible"] for f in walk), "events: focus ring visible on every stop %s" % [f["name"] for f in walk if not f["visible"]][:5])
            killed = next((i for i in sorts if walk[i]["name"].startswith("Killed")), None)
            if killed is not None:
                visit(p, url("events.html"))
                tab_walk(p, killed + 1)
                press(p, "Enter")
                settle(p)
                state = js(p, r"""(() => { const th = document.activeElement.closest('th');
                  const v = [...document.querySelectorAll('#events-table tbody tr')].map(r => r.cells[4].dataset.v);
                  return [th.getAttribute('aria-sort'), v]; })()""")
                nums = [float(v) for v in state[1] if v]
                check(state[0] == "ascending" and nums == sorted(nums) and all(v == "" for v in state[1][len(nums):]),
                      "events: Enter on Killed sorts ascending, unknown last")
                press(p, "Enter")
                settle(p)
                state = js(p, r"""(() => [document.activeElement.closest('th').getAttribute('aria-sort'),
                  [...document.querySelectorAll('#events-table tbody tr')].map(r => r.cells[4].dataset.v)])()""")
                nums = [float(v) for v in state[1] if v]
                check(state[0] == "descending" and nums == sorted(nums, reverse=True), "events: Enter again sorts descending")
                screenshot(p, os.path.join(shots, "events.png"), full=True, max_height=1400)
            js(p, "document.getElementById('f-place').focus()")
            p.call("Input.insertText", text="bamako")
            settle(p)
            r = js(p, r"""(() => { const v = [...document.querySelectorAll('#events-table tbody tr')].filter(r => !r.hidden);
              return [v.length, v.every(r => r.cells[3].textContent.toLowerCase().includes('bamako')), document.getElementById('table-status').textContent]; })()""")
            check(0 < r[0] < total and r[1], "events: typing 'bamako' in Place leaves the Bamako events (%s)" % r[2])
            js(p, "document.getElementById('f-reset').focus()")
            press(p, "Enter")
            settle(p)
            shown = js(p, "[...document.querySelectorAll('#events-table tbody tr')].filter(r => !r.hidden).length")
            check(shown == total, "events: Enter on Clear filters shows all %d events again" % total)
            js(p, "document.getElementById('f-cas').focus()")
            p.call("Input.insertText", text="1")
            settle(p)
            r = js(p, r"""(() => { const v = [...document.querySelectorAll('#events-table tbody tr')].filter(r => !r.hidden);
              return [v.length, v.every(r => Number(r.dataset.cas) >= 1)]; })()""")
            check(r[0] > 0 and r[1], "events: 'Casualties at least 1' leaves %d events, all with casualties" % r[0])
            visible = r"""(() => [...document.querySelectorAll('#events-table tbody tr')].filter(r => !r.hidden)
              .map(r => ({type: r.dataset.type, date: r.dataset.date, actor: r.dataset.actor})))()"""
            # Type: the keyboard picks the first type in the list.
            js(p, "document.getElementById('f-reset').click()")
            settle(p)
            js(p, "document.getElementById('f-type').focus()")
            press(p, "ArrowDown")
            settle(p)
            chosen = js(p, "document.getElementById('f-type').value")
            v = js(p, visible)
            check(chosen and 0 < len(v) <= total and all(x["type"] == chosen for x in v),
                  "events: ArrowDown in Type picks %s and leaves its %d events" % (chosen, len(v)))
            # Actor: the first word of some event's actor, typed.
            js(p, "document.getElementById('f-reset').click()")
            settle(p)
            actor = js(p, "(() => { const r = [...document.querySelectorAll('#events-table tbody tr')].find(r => r.dataset.actor); return r ? r.dataset.actor.split(/[ ;]/)[0] : ''; })()")
            js(p, "document.getElementById('f-actor').focus()")
            p.call("Input.insertText", text=actor)
            settle(p)
            v = js(p, visible)
            check(actor and 0 < len(v) and all(actor.lower() in x["actor"].lower() for x in v),
                  "events: typing '%s' in Actor leaves the %d events it names" % (actor, len(v)))
            # Dates: a range of the events' own months.
            js(p, "document.getElementById('f-reset').click()")
            settle(p)
            months = sorted({d[:7] for d in js(p, "[...document.querySelectorAll('#events-table tbody tr')].map(r => r.dataset.date)") if d and len(d) >= 7})
            if months:
                # From the second month on, so that the first month's events drop out (when there are two months).
                n = len(months)
                lo, hi = (months[max(1, n // 4)], months[max(1, (3 * n) // 4)]) if n > 1 else (months[0], months[0])
                js(p, "document.getElementById('f-from').focus()")
                p.call("Input.insertText", text=lo)
                js(p, "document.getElementById('f-to').focus()")
                p.call("Input.insertText", text=hi)
                settle(p)
                v = js(p, visible)
                check(0 < len(v) and (len(v) < total or n == 1) and all(lo <= x["date"] and x["date"][:7] <= hi for x in v),
                      "events: Date from %s to %s leaves %d events, all in the range" % (lo, hi, len(v)))
            else:
                check(False, "events: no event has a month to filter dates on")
            js(p, "document.getElementById('f-reset').click()")
            settle(p)
            check_rendered_contrast(p, "events", palette)

        def page_timeline():
            print("timeline")
            palette = ctx.get("palette") or {}
            visit(p, url("timeline.html"))
            common_checks(p, "timeline")
            bars = js(p, "document.querySelectorAll('svg.timeline rect.bar').length")
            check(bars > 0, "timeline: %d bars" % bars)
            t = js(p, r"""(() => { const b = [...document.querySelectorAll('svg.timeline rect.bar')];
              return [b.filter(x => /^\d{4}-\d{2}$/.test(x.dataset.month || '')).length, new Set(b.map(x => x.dataset.type)).size]; })()""")
            check(t[0] == bars and t[1] >= 1, "timeline: every bar is a month (%d of %d) of one type (%d types)" % (t[0], bars, t[1]))
            check_rendered_contrast(p, "timeline", palette)
            screenshot(p, os.path.join(shots, "timeline.png"), full=True, max_height=1600)

        def page_map():
            print("map")
            palette = ctx.get("palette") or {}
            visit(p, url("map.html"))
            common_checks(p, "map")
            m = js(p, r"""(() => { const svg = document.querySelector('svg.map'); const vb = svg.viewBox.baseVal;
              const dots = [...svg.querySelectorAll('circle.dot')];
              const inside = dots.filter(c => { const x = c.cx.baseVal.value, y = c.cy.baseVal.value; return x >= 0 && y >= 0 && x <= vb.width && y <= vb.height; });
              const drawn = dots.filter(c => { const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
              return {countries: svg.querySelectorAll('path.country').length, adm1: svg.querySelectorAll('path.adm1').length,
                      adm2: svg.querySelectorAll('path.adm2').length, dots: dots.length, inside: inside.length, drawn: drawn.length,
                      areas: svg.querySelectorAll('circle.area').length, height: svg.getBoundingClientRect().height}; })()""")
            check(m["countries"] > 0 and m["adm1"] > 0, "map: outlines drawn (%d countries, %d régions, %d cercles)" % (m["countries"], m["adm1"], m["adm2"]))
            check(m["dots"] > 0, "map: %d event dots, %d country/region rings" % (m["dots"], m["areas"]))
            check(m["inside"] == m["dots"] and m["drawn"] == m["dots"], "map: every dot inside the frame and drawn (%d/%d)" % (m["inside"], m["dots"]))
            check(m["height"] > 300, "map: the map has a height on screen (%dpx)" % m["height"])
            sizes = js(p, r"""(() => [...document.querySelectorAll('svg.map circle.dot')].map(c =>
              [c.r.baseVal.value, ((c.closest('a') || c.parentNode).querySelector('title') || {}).textContent || ''])
              .map(([r, label]) => { const k = label.match(/(\d+)\+? killed/); return [r, k ? Number(k[1]) : 0]; }))()""")
            ordered = all(r1 <= r2 for (r1, k1) in sizes for (r2, k2) in sizes if k1 < k2)
            check(len({r for r, _ in sizes}) > 1 and ordered and any(k for _, k in sizes),
                  "map: dots sized by fatalities (%d sizes, %d dots with a count; more killed, never a smaller dot)"
                  % (len({r for r, _ in sizes}), len([k for _, k in sizes if k])))
            walk = tab_walk(p, 20, stop=lambda f: f["inSvg"])
            check(walk and walk[-1]["inSvg"] and walk[-1]["visible"], "map: Tab reaches the event dots with a visible focus (%s)" % (walk[-1]["name"] if walk else ""))
            check_rendered_contrast(p, "map", palette)
            js(p, "document.activeElement.blur()")
            screenshot(p, os.path.join(shots, "map.png"), full=True, max_height=1500)

        for name, run in (("index", page_index), ("documents", page_documents), ("events", page_events),
                          ("timeline", page_timeline), ("map", page_map)):
            try:
                run()
            except Exception as error:  # a page that breaks the checks is a failure, not a crash
                check(False, "%s: the checks could not run: %s: %s" % (name, type(error).__name__, error))

    print()
    for f in failures:
        print("FAIL " + f)
    print("report: %d passed, %d failed" % (passed[0], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
