#!/usr/bin/env python3
"""Posts for measuring `calque coordinate` (scripts/eval-coordination.sh).

Two kinds of file, both in the QUT coordination-network-toolkit's CSV layout (its columns by
position: message_id, user_id, username, repost_id, reply_id, message, timestamp in Unix
seconds, urls), which calque reads by column name (message_id, username, message,
timestamp; --repost-col repost_id):

  plant      the real tweets of ../shared/corpora spread over organic accounts at random but
             realistic times (a diurnal cycle over --days days), plus planted coordinated
             groups: exact copies, edited copies (a word changed, emoji added), one link
             shared with different tracking parameters, and retweets of one source, each
             group posting in bursts of under a minute. --truth gets account,group,kind,bursts
             (bursts joined; accounts that joined none are not in it).
  synthetic  N posts for throughput: real tweets with a third of their words replaced from
             the corpora's vocabulary, hashtags, mentions, links (with tracking parameters)
             and retweets drawn from skewed distributions, N/20 accounts of skewed activity,
             over --days days.
  copies     --from FILE --copies K: K copies of a synthetic file, each with accounts of its
             own and every post moved by a random offset within the same --days days (so the
             copies' identical texts do not fall together): a 10 M file from a 1 M one, in a
             fraction of the time, with ten times the density of posts.

Everything is drawn from --seed: the same command writes the same file.
"""

import argparse
import csv
import math
import os
import random
import re
import sys

T0 = 1_704_067_200  # 2024-01-01T00:00:00Z
DAY = 86_400
EMOJI = ["🙏", "😡", "🔥", "‼️", "🇫🇷", "🇺🇦", "👀", "😱", "💔", "✅"]

# (file, text column) of the real tweets used.
SOURCES = [
    ("ira_english_sample_2000.csv", "content"),
    ("ira_english_fearmonger_all.csv", "content"),
    ("ira_french_all.csv", "content"),
    ("neg_en_538_twitter-ratio_BarackObama.csv", "text"),
    ("neg_en_538_twitter-ratio_realDonaldTrump.csv", "text"),
    ("spotted_validation_5000_mixed_labels.csv", "tweet_text"),
]

LINK = re.compile(r"https?://\S+")


def load_tweets(corpora):
    tweets = []
    for name, column in SOURCES:
        path = os.path.join(corpora, name)
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                text = " ".join((row.get(column) or "").split())
                if text:
                    tweets.append(text)
    return tweets


def diurnal_time(rng, days):
    """A time over `days` days, denser in the (UTC) afternoon and evening."""
    while True:
        t = rng.random() * days * DAY
        hour = (t % DAY) / 3600
        if rng.random() < 0.35 + 0.65 * (1 + math.sin((hour - 9) / 24 * 2 * math.pi)) / 2:
            return T0 + int(t)


def skewed(rng, n, power=2.5):
    """An index in [0, n) with a heavy head (a few very active accounts, popular tags)."""
    return min(n - 1, int(n * rng.random() ** power))


def tracking(rng, account):
    params = [
        f"utm_source={rng.choice(['twitter', 'tw', 'social', 'fb'])}",
        f"utm_medium=acc{account}",
        f"fbclid=IwAR{rng.randrange(10**9)}",
    ]
    rng.shuffle(params)
    return "&".join(params[: rng.randint(1, 3)])


class Writer:
    def __init__(self, path):
        self.f = open(path, "w", newline="", encoding="utf-8")
        self.w = csv.writer(self.f)
        self.w.writerow(
            ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]
        )
        self.next_id = 1

    def post(self, user, text, time, repost_id=""):
        urls = " ".join(LINK.findall(text))
        self.w.writerow([self.next_id, user, user, repost_id, "", text, time, urls])
        self.next_id += 1
        return self.next_id - 1

    def close(self):
        self.f.close()


def plant(args):
    rng = random.Random(args.seed)
    tweets = load_tweets(args.corpora)
    rows = []  # (time, user, text, repost_id)
    organic_accounts = max(50, len(tweets) // 8)
    for text in tweets:
        user = f"org{skewed(rng, organic_accounts, 1.8)}"
        rows.append((diurnal_time(rng, args.days), user, text, ""))
    long_tweets = [t for t in tweets if len(t.split()) >= 15 and not t.startswith("RT @")]
    own_tweets = [t for t in tweets if not t.startswith("RT @")]
    truth = []
    for g in range(args.groups):
        kind = ["exact", "edited", "link", "retweet"][g % 4]
        size = rng.randint(5, 25)
        members = [f"{kind}{g}_acc{i}" for i in range(size)]
        bursts_of = {m: 0 for m in members}
        for m in members:
            # Planted accounts also post ordinary tweets.
            for _ in range(rng.randint(0, 5)):
                rows.append((diurnal_time(rng, args.days), m, rng.choice(tweets), ""))
        for burst in range(args.bursts):
            start = diurnal_time(rng, args.days)
            template = rng.choice(long_tweets)
            domain = f"news-{g}-{rng.randrange(1000)}.info"
            for i, m in enumerate(members):
                # Not every member joins every burst.
                if rng.random() < 0.15:
                    continue
                t = start + rng.randint(0, 50)
                if kind == "exact":
                    text = template
                elif kind == "edited":
                    words = template.split()
                    k = rng.randrange(len(words))
                    words[k] = rng.choice(rng.choice(tweets).split())
                    text = " ".join(words)
                    if rng.random() < 0.7:
                        text = f"{rng.choice(EMOJI)} {text}" if rng.random() < 0.5 else f"{text} {rng.choice(EMOJI)}"
                elif kind == "link":
                    own = LINK.sub("", rng.choice(own_tweets)).strip()
                    text = f"{own} https://{domain}/article-{burst}?{tracking(rng, i)}"
                else:
                    text = f"RT @source{g}: {LINK.sub('', template).strip()}"
                rows.append((t, m, text, ""))
                bursts_of[m] += 1
        # An account that joined no burst is not coordinated: it is not in the truth.
        truth.extend((m, g, kind, n) for m, n in bursts_of.items() if n > 0)
    rows.sort(key=lambda r: (r[1], r[0]))  # exports are often per account, not by time
    w = Writer(args.out)
    for t, user, text, repost in rows:
        w.post(user, text, t, repost)
    w.close()
    with open(args.truth, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["account", "group", "kind", "bursts"])
        out.writerows(truth)
    print(f"{len(rows)} posts, {organic_accounts} organic and {len(truth)} planted accounts", file=sys.stderr)


def synthetic(args):
    rng = random.Random(args.seed)
    tweets = [LINK.sub("", t).strip() for t in load_tweets(args.corpora)]
    tweets = [t for t in tweets if t]
    vocabulary = sorted({w for t in tweets for w in t.split() if w[0] not in "#@"})
    n = args.synthetic
    accounts = max(100, n // 20)
    tags = [f"#{rng.choice(vocabulary).strip('.,!?:;')}{i}" for i in range(20_000)]
    handles = [f"@handle{i}" for i in range(50_000)]
    domains = [f"site{i}.{rng.choice(['com', 'org', 'info', 'ru', 'fr', 'net'])}" for i in range(5_000)]
    w = Writer(args.out)
    choice, random_, randrange = rng.choice, rng.random, rng.randrange
    for i in range(n):
        user = f"u{skewed(rng, accounts)}"
        time = diurnal_time(rng, args.days)
        if i > 1000 and random_() < 0.15:
            source = skewed(rng, min(i, 100_000))
            text = f"RT @{handles[source % len(handles)][1:]}: {choice(tweets)}"
            w.post(user, text, time, repost_id=str(source + 1))
            continue
        words = choice(tweets).split()
        words = [choice(vocabulary) if random_() < 0.33 else x for x in words]
        if random_() < 0.4:
            words.append(tags[skewed(rng, len(tags))])
        if random_() < 0.3:
            words.insert(0, handles[skewed(rng, len(handles))])
        if random_() < 0.3:
            d = skewed(rng, len(domains))
            words.append(f"https://{domains[d]}/a/{skewed(rng, 200)}?{tracking(rng, randrange(1000))}")
        w.post(user, " ".join(words), time)
    w.close()


def copies(args):
    rng = random.Random(args.seed)
    span = int(args.days * DAY)
    with open(args.source, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    n = len(rows)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        randrange = rng.randrange
        for k in range(args.copies):
            for message_id, user, name, repost, reply, text, time, urls in rows:
                t = T0 + (int(time) - T0 + randrange(span)) % span
                repost = str(int(repost) + k * n) if repost else ""
                w.writerow([int(message_id) + k * n, f"{user}_{k}", f"{name}_{k}", repost, reply, text, t, urls])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora"))
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--days", type=float, default=7)
    p.add_argument("--plant", action="store_true")
    p.add_argument("--truth")
    p.add_argument("--groups", type=int, default=40)
    p.add_argument("--bursts", type=int, default=3)
    p.add_argument("--synthetic", type=int)
    p.add_argument("--from", dest="source")
    p.add_argument("--copies", type=int)
    args = p.parse_args()
    if args.plant:
        if not args.truth:
            p.error("--plant needs --truth")
        plant(args)
    elif args.synthetic:
        synthetic(args)
    elif args.source and args.copies:
        copies(args)
    else:
        p.error("give --plant, --synthetic N, or --from FILE --copies K")


if __name__ == "__main__":
    main()
