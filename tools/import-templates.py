#!/usr/bin/env python3
"""Writes templates/KEY.yml for every template in ../shared/data/templates/.

Facts come from memegen's per-template config.yml (layout, name, source, keywords, example),
imgflip's captions/templates.json (imgflip id, alternative names, caption counts), the caption
corpus captions/imgflip-captions.jsonl.gz (how many boxes people fill per template: ai_box_counts)
and tools/template-layouts.yml (our own layouts where memegen's disagrees with how people caption a
template). Only facts are written (names, numbers, the image's public URL and sha256); no image or
caption is copied.

Run from the project root:  python3 tools/import-templates.py [--data ../shared/data] [--out templates]
Re-running overwrites templates/*.yml, so fix mapping rules here rather than editing the output.
"""
import argparse
import collections
import glob
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata

import yaml

# A fixed memegen commit, not a branch: the sha256 we pin is of the file at this commit (all 208 checked).
MEMEGEN_COMMIT = "aa0fc3af4dd1c669cc35039a7d8efcca7d4eb98a"
IMAGE_URL = "https://raw.githubusercontent.com/jacebrowning/memegen/" + MEMEGEN_COMMIT + "/templates/{key}/{file}"

# CSS colour names used by memegen configs (PIL understands any CSS name; we store #rrggbb).
CSS_COLOURS = {
    "white": "#ffffff", "black": "#000000", "khaki": "#f0e68c", "palegoldenrod": "#eee8aa",
    "maroon": "#800000", "red": "#ff0000", "yellow": "#ffff00", "blue": "#0000ff",
    "green": "#008000", "gray": "#808080", "grey": "#808080", "orange": "#ffa500",
}

# memegen styles: "upper" (capitals), "none" (as typed), "mock" (sPoNgEbOb), and "default", which
# keeps the text as typed apart from capitalising an all-lowercase sentence and a lone "i".
# Anything else ("thin" appears once, a font name put in the wrong field) hits memegen's
# "Unsupported text style" branch and is drawn as typed.
STYLE_MAP = {"upper": "upper", "none": "none", "mock": "mock", "default": "none"}

# imgflip alternative names that are slurs: never offer them as suggestions.
OFFENSIVE = re.compile(r"retard|negro", re.IGNORECASE)

# ai_box_counts: a box count goes in when at least this share of the template's corpus captions fill
# exactly that many boxes (the most common count always does), and the layout has that many boxes.
AI_BOX_COUNT_MIN_SHARE = 0.08

# memegen's defaults for a template whose config has no text boxes (Template.text default_factory).
DEFAULT_BOXES = [
    {"anchor_x": 0.0, "anchor_y": 0.0, "scale_x": 1.0, "scale_y": 0.2},
    {"anchor_x": 0.0, "anchor_y": 0.8, "scale_x": 1.0, "scale_y": 0.2},
]
BOX_DEFAULTS = {"style": "upper", "color": "white", "font": "thick", "anchor_x": 0.0, "anchor_y": 0.0,
                "angle": 0.0, "scale_x": 1.0, "scale_y": 0.2, "align": "center", "start": 0.0, "stop": 1.0}


def normalise(text):
    """Same folding as TemplateCatalog: accents off, lowercase, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isalnum() and not unicodedata.combining(c))


def colour(value, where):
    value = str(value).strip().lower()
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return value
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    if value in CSS_COLOURS:
        return CSS_COLOURS[value]
    sys.exit(f"{where}: unknown colour {value!r}; add it to CSS_COLOURS")


def clamp_box(x, y, w, h, where, notes):
    """Keeps a box inside the image: memegen lets a few boxes hang over an edge (their text is clipped)."""
    x2, y2 = min(x + w, 1.0), min(y + h, 1.0)
    x, y = max(x, 0.0), max(y, 0.0)
    fixed = (round(x, 4), round(y, 4), round(x2 - x, 4), round(y2 - y, 4))
    if fixed != (round(x, 4), round(y, 4), round(w, 4), round(h, 4)) or (x, y) != fixed[:2]:
        notes.append(f"{where}: box clamped into the image: {fixed}")
    return fixed


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    parser.add_argument("--out", default=os.path.join(root, "templates"))
    parser.add_argument("--layouts", default=os.path.join(root, "tools", "template-layouts.yml"))
    args = parser.parse_args()

    with open(args.layouts, encoding="utf-8") as f:
        layouts = yaml.safe_load(f) or {}
    box_counts = corpus_box_counts(os.path.join(args.data, "captions", "imgflip-captions.jsonl.gz"))

    with open(os.path.join(args.data, "captions", "templates.json"), encoding="utf-8") as f:
        imgflip = {e["memegen"]: e for e in json.load(f) if e.get("memegen")}

    configs = {}
    for path in sorted(glob.glob(os.path.join(args.data, "templates", "*", "config.yml"))):
        key = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            configs[key] = yaml.safe_load(f) or {}
    missing = set(imgflip) - set(configs)
    if missing:
        sys.exit(f"templates.json maps to unknown memegen keys: {sorted(missing)}")

    unknown = set(layouts) - set(configs)
    if unknown:
        sys.exit(f"{args.layouts}: layouts for unknown templates {sorted(unknown)}")
    if set(box_counts) != set(imgflip):
        sys.exit(f"caption corpus and templates.json disagree on the templates with captions: "
                 f"{sorted(set(box_counts) ^ set(imgflip))}")

    notes = []
    records = {}
    for key, cfg in configs.items():
        rec = build(key, cfg, imgflip.get(key), args.data, notes)
        if key in layouts:
            apply_layout(rec, layouts[key], f"{args.layouts}: {key}")
        if key in box_counts:
            rec["ai_box_counts"], rec["box_count_shares"] = choose_ai_box_counts(
                box_counts[key], len(rec["boxes"]), key)
        records[key] = rec
    resolve_clashes(records, notes)

    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, "*.yml")):
        os.remove(old)
    for key, rec in records.items():
        with open(os.path.join(args.out, key + ".yml"), "w", encoding="utf-8") as f:
            f.write(render(rec))
    for note in notes:
        print("note:", note, file=sys.stderr)
    print(f"wrote {len(records)} templates to {args.out} "
          f"({sum(r['ai_capable'] for r in records.values())} AI-capable)", file=sys.stderr)


def build(key, cfg, flip, data, notes):
    where = f"{key}/config.yml"
    directory = os.path.join(data, "templates", key)
    defaults = sorted(n for n in os.listdir(directory) if n.startswith("default."))
    # Animated templates ship a static still next to default.gif; the GIF is the template
    # (box start/stop times refer to it), so it wins.
    gif = [n for n in defaults if n.endswith(".gif")]
    if not defaults:
        sys.exit(f"{key}: no default.* image")
    image = gif[0] if gif else defaults[0]
    if len(defaults) > 1:
        notes.append(f"{key}: using {image} of {defaults}")
    with open(os.path.join(directory, image), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()

    name = str(cfg.get("name") or key).strip()
    aliases = []
    if flip:
        aliases.append(flip["template"])
        aliases.extend(flip.get("alternative_names") or [])
    keywords = [str(k).strip() for k in (cfg.get("keywords") or []) if k is not None and str(k).strip()]
    aliases.extend(keywords)
    kept, seen = [], {normalise(name), normalise(key)}
    for alias in aliases:
        alias = " ".join(str(alias).split())
        if OFFENSIVE.search(alias):
            notes.append(f"{key}: dropped offensive alias {alias!r}")
            continue
        n = normalise(alias)
        if n and n not in seen:
            seen.add(n)
            kept.append(alias)

    raw_boxes = cfg.get("text") or []
    if not raw_boxes:
        notes.append(f"{key}: no text boxes in config; using memegen's default top/bottom boxes")
        raw_boxes = DEFAULT_BOXES
    boxes = []
    for i, raw in enumerate(raw_boxes):
        b = {**BOX_DEFAULTS, **{k: v for k, v in raw.items() if v is not None}}
        bw = f"{where} text[{i}]"
        x, y, w, h = clamp_box(float(b["anchor_x"]), float(b["anchor_y"]),
                               float(b["scale_x"]), float(b["scale_y"]), bw, notes)
        style = STYLE_MAP.get(str(b["style"]).lower())
        if style is None:
            notes.append(f"{bw}: style {b['style']!r} is not a memegen style; drawn as typed (none)")
            style = "none"
        font = str(b["font"]).lower()
        if font not in ("thick", "thin", "comic"):
            sys.exit(f"{bw}: unknown font {font!r}")
        align = str(b["align"]).lower()
        if align not in ("left", "center", "right"):
            sys.exit(f"{bw}: unknown align {align!r}")
        boxes.append({"x": x, "y": y, "width": w, "height": h, "angle": float(b["angle"]),
                      "style": style, "color": colour(b["color"], bw), "font": font, "align": align,
                      "start": float(b["start"]), "stop": float(b["stop"])})

    example = ["" if e is None else str(e) for e in (cfg.get("example") or [])]
    if len(example) != len(boxes):
        notes.append(f"{key}: {len(example)} example lines for {len(boxes)} boxes; "
                     f"{'padded with empty lines' if len(example) < len(boxes) else 'extra lines dropped'}")
    # memegen draws line i in box i and leaves boxes without a line empty: pad with "" the same way.
    example = (example + [""] * len(boxes))[:len(boxes)]

    return {
        "key": key, "name": name, "aliases": kept, "keywords": [],
        "imgflip_id": flip["imgflip_id"] if flip else None,
        "ai_capable": flip is not None,
        "popularity": int(flip["train_captions"]) if flip else 0,
        "source": cfg.get("source") or None,
        "image": {"file": image, "url": IMAGE_URL.format(key=key, file=image), "sha256": sha},
        "boxes": boxes, "example": example, "layout": "memegen",
        "ai_box_counts": None, "box_count_shares": None,
    }


def corpus_box_counts(path):
    """{memegen key: Counter(number of non-empty boxes -> captions)} over the whole caption corpus."""
    counts = collections.defaultdict(collections.Counter)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            caption = json.loads(line)
            if caption.get("memegen"):
                counts[caption["memegen"]][sum(1 for b in caption["boxes"] if b and b.strip())] += 1
    return counts


def choose_ai_box_counts(counts, layout_boxes, key):
    """The box counts people use for a template (see AI_BOX_COUNT_MIN_SHARE) that its layout can show.

    Returns (sorted counts, [(count, share)] of the counts that reach the threshold, most used first)."""
    total = sum(counts.values())
    common = [(n, c / total) for n, c in counts.most_common() if n > 0 and c / total >= AI_BOX_COUNT_MIN_SHARE]
    most = max((n for n in counts if n > 0), key=lambda n: (counts[n], -n))
    if most not in [n for n, _ in common]:
        common.insert(0, (most, counts[most] / total))
    if most > layout_boxes:
        sys.exit(f"{key}: {counts[most] / total:.0%} of its captions fill {most} boxes but the layout has "
                 f"{layout_boxes}; give it a layout with more boxes in tools/template-layouts.yml")
    return sorted(n for n, _ in common if n <= layout_boxes), common


def apply_layout(rec, layout, where):
    """Replaces memegen's boxes (and example, if given) with ours from tools/template-layouts.yml; box
    fields use our schema (templates/README.md) with its defaults."""
    defaults = {"angle": 0.0, "style": "upper", "color": "#ffffff", "font": "thick", "align": "center",
                "start": 0.0, "stop": 1.0}
    if set(layout) - {"boxes", "example"}:
        sys.exit(f"{where}: unknown fields {sorted(set(layout) - {'boxes', 'example'})}")
    boxes = []
    for i, raw in enumerate(layout["boxes"]):
        b = {**defaults, **raw}
        unknown = set(b) - {"x", "y", "width", "height", *defaults}
        if unknown:
            sys.exit(f"{where}: boxes[{i}]: unknown fields {sorted(unknown)}")
        if b["x"] + b["width"] > 1 + 1e-9 or b["y"] + b["height"] > 1 + 1e-9:
            sys.exit(f"{where}: boxes[{i}] runs past the image edge")
        boxes.append({"x": float(b["x"]), "y": float(b["y"]), "width": float(b["width"]),
                      "height": float(b["height"]), "angle": float(b["angle"]), "style": b["style"],
                      "color": colour(b["color"], f"{where}: boxes[{i}]"), "font": b["font"],
                      "align": b["align"], "start": float(b["start"]), "stop": float(b["stop"])})
    # Without example lines of its own, a layout keeps memegen's (they must match the box count).
    example = ["" if e is None else str(e) for e in layout.get("example", rec["example"])]
    if len(example) != len(boxes):
        sys.exit(f"{where}: {len(example)} example lines for {len(boxes)} boxes")
    rec["boxes"], rec["example"], rec["layout"] = boxes, example, "ours"


def resolve_clashes(records, notes):
    """An alias must name one template only. Aliases that clash with another template's key, name or
    alias (memegen keywords such as "The Office" or "Futurama") become search keywords instead."""
    owners = {}
    for rec in records.values():
        for n in {normalise(rec["key"]), normalise(rec["name"])}:
            owners.setdefault(n, set()).add(rec["key"])
        for alias in rec["aliases"]:
            owners.setdefault(normalise(alias), set()).add(rec["key"])
    for n, keys in owners.items():
        primaries = [k for k in keys if n in (normalise(records[k]["key"]), normalise(records[k]["name"]))]
        if len(primaries) > 1:
            sys.exit(f"templates {sorted(primaries)} share the key/name {n!r}")
    for rec in records.values():
        aliases = []
        for alias in rec["aliases"]:
            if len(owners[normalise(alias)]) > 1:
                rec["keywords"].append(alias)
                notes.append(f"{rec['key']}: alias {alias!r} is shared with "
                             f"{sorted(owners[normalise(alias)] - {rec['key']})}; kept as a search keyword")
            else:
                aliases.append(alias)
        rec["aliases"] = aliases


def scalar(value):
    """One YAML scalar, quoted so that it is safe inside flow collections too ("what do i choose?")."""
    dumped = yaml.safe_dump([value], default_flow_style=True, width=100_000, allow_unicode=True).strip()
    return dumped[1:-1]


def block_scalar(value):
    """One YAML scalar in block context (a top-level value or a block list item)."""
    dumped = yaml.safe_dump(value, default_flow_style=True, width=100_000, allow_unicode=True).strip()
    return dumped.removesuffix("...").strip()


def string_list(label, values):
    """A short list on one line, a long one as a block list."""
    line = f"{label}: [" + ", ".join(scalar(v) for v in values) + "]"
    if len(line) <= 120:
        return [line]
    return [f"{label}:"] + [f"  - {block_scalar(v)}" for v in values]


def render(rec):
    sources = ["memegen's config.yml"]
    if rec["ai_capable"]:
        sources += ["imgflip's templates.json", "the caption corpus"]
    if rec["layout"] == "ours":
        sources.append("tools/template-layouts.yml (boxes)")
    out = [f"# {rec['name']}: imported by tools/import-templates.py from "
           + (", ".join(sources[:-1]) + " and " + sources[-1] if len(sources) > 1 else sources[0]) + ".",
           f"key: {block_scalar(rec['key'])}",
           f"name: {block_scalar(rec['name'])}"]
    out.extend(string_list("aliases", rec["aliases"]))
    if rec["keywords"]:
        out.extend(string_list("keywords", rec["keywords"]))
    out.append(f"imgflip_id: {block_scalar(rec['imgflip_id'])}")
    out.append(f"ai_capable: {scalar(rec['ai_capable'])}")
    if rec["ai_box_counts"] is not None:
        boxes = len(rec["boxes"])
        shares = ", ".join(f"{n} {share:.0%}" + (" (more than the layout's boxes)" if n > boxes else "")
                           for n, share in sorted(rec["box_count_shares"]))
        out.append(f"ai_box_counts: [{', '.join(str(n) for n in rec['ai_box_counts'])}]"
                   f"  # corpus captions by filled boxes (>= {AI_BOX_COUNT_MIN_SHARE:.0%}): {shares}")
    out.append(f"popularity: {rec['popularity']}")
    if rec["source"]:
        out.append(f"source: {block_scalar(rec['source'])}")
    img = rec["image"]
    out.append("image:")
    out.append(f"  file: {block_scalar(img['file'])}")
    out.append(f"  url: {block_scalar(img['url'])}")
    out.append(f"  sha256: {img['sha256']}")
    out.append("boxes:")
    for b in rec["boxes"]:
        fields = ", ".join(f"{k}: {scalar(v)}" for k, v in b.items())
        out.append(f"  - {{{fields}}}")
    out.append("example:")
    for e in rec["example"]:
        out.append(f"  - {block_scalar(e)}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
