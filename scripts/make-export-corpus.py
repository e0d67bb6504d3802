#!/usr/bin/env python3
"""Build large platform exports for calque's ingestion benchmarks from the public texts in
../shared/corpora (or $CALQUE_CORPORA).

Usage:
  scripts/make-export-corpus.py telegram OUT.json SIZE_MB
      A Telegram Desktop single-chat export (result.json, pretty-printed as the app writes it)
      of about SIZE_MB megabytes: messages whose text is a string or an array with text_link,
      hashtag and bold entities, plus service and photo-only messages (about 1 in 12 each).
  scripts/make-export-corpus.py subtitles OUT_DIR COUNT
      COUNT subtitle files (nine SubRip .srt for one WebVTT .vtt), each a transcript of 20 to
      120 cues of 2 to 6 seconds cut from the pooled texts.

Texts are pooled from the same corpora as make-bench-corpus.py, in order, with fresh ids;
nothing is written into the repository. The output is deterministic.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def pool():
    """The texts make-bench-corpus.py pools, from $CALQUE_CORPORA or ../shared/corpora."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_bench_corpus", os.path.join(HERE, "make-bench-corpus.py"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.texts(os.environ.get("CALQUE_CORPORA") or bench.SHARED)


def telegram(out_path, size_mb):
    texts = pool()
    target = int(size_mb * 1_000_000)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write('{\n "name": "Benchmark Channel",\n "type": "public_channel",\n'
                ' "id": 1700000000,\n "messages": [\n')
        n = 0
        while f.tell() < target:
            for text in texts:
                n += 1
                message = {
                    "id": n,
                    "type": "message",
                    "date": "2024-01-01T12:00:00",
                    "date_unixtime": "1704110400",
                    "from": "Benchmark Channel",
                    "from_id": "channel1700000000",
                }
                if n % 12 == 0:
                    message["type"] = "service"
                    message["actor"] = message.pop("from")
                    message["action"] = "pin_message"
                    message["text"] = ""
                elif n % 12 == 6:
                    message["photo"] = f"photos/photo_{n}.jpg"
                    message["text"] = ""
                elif n % 3 == 0:
                    cut = len(text) // 2
                    message["text"] = [
                        text[:cut],
                        {"type": "text_link", "text": "source",
                         "href": f"https://example.org/articles/{n}"},
                        text[cut:] + " ",
                        {"type": "hashtag", "text": "#news"},
                    ]
                else:
                    message["text"] = text
                entities = message["text"] if isinstance(message["text"], list) else (
                    [{"type": "plain", "text": message["text"]}] if message["text"] else [])
                message["text_entities"] = [
                    e if isinstance(e, dict) else {"type": "plain", "text": e}
                    for e in entities
                ]
                body = json.dumps(message, ensure_ascii=False, indent=1)
                f.write((",\n" if n > 1 else "") + "  " + body.replace("\n", "\n  "))
                if f.tell() >= target:
                    break
        f.write("\n ]\n}\n")
        size = f.tell()
    print(f"{out_path}: {n} messages, {size / 1e6:.0f} MB", file=sys.stderr)


def timestamp(ms, sep):
    return "%02d:%02d:%02d%s%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60,
                                     sep, ms % 1000)


def subtitles(out_dir, count):
    texts = pool()
    os.makedirs(out_dir, exist_ok=True)
    at = 0
    total = 0
    for i in range(count):
        cues = 20 + (i * 37) % 101
        vtt = i % 10 == 9
        lines = ["WEBVTT", ""] if vtt else []
        ms = 0
        for c in range(cues):
            text = texts[at % len(texts)].replace("\n", " ")
            at += 1
            duration = 2000 + (c * 733) % 4000
            sep = "." if vtt else ","
            if not vtt:
                lines.append(str(c + 1))
            lines.append(f"{timestamp(ms, sep)} --> {timestamp(ms + duration, sep)}")
            # Subtitle lines of at most about 42 characters, two per cue at most.
            words, line, cue_lines = text.split(), "", []
            for w in words:
                if len(line) + len(w) > 42 and line:
                    cue_lines.append(line)
                    line = ""
                line = (line + " " + w).strip()
            cue_lines.append(line)
            lines.extend(cue_lines[:2])
            lines.append("")
            ms += duration
        name = os.path.join(out_dir, f"video{i:05d}.{'vtt' if vtt else 'srt'}")
        with open(name, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
            total += f.tell()
    print(f"{out_dir}: {count} files, {total / 1e6:.0f} MB", file=sys.stderr)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("telegram", "subtitles"):
        sys.exit(__doc__)
    if sys.argv[1] == "telegram":
        telegram(sys.argv[2], float(sys.argv[3]))
    else:
        subtitles(sys.argv[2], int(sys.argv[3]))


if __name__ == "__main__":
    main()
