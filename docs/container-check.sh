#!/usr/bin/env bash
# Checks the container files (Dockerfile, .dockerignore, docker-compose.yml, docs/compose/) without
# Docker or a Docker daemon:
#   lint       Dockerfile: dockerfile-utils and dockerfilelint (npm); docker-compose.yml: dclint (npm,
#              the Compose Specification's JSON schema plus style rules) and Debian 12's own
#              docker-compose `config` (interpolation, merge keys; a missing token must stop it);
#              prometheus.yml: promtool from Debian's prometheus package (extracted, not installed).
#   context    the build context as Docker would send it (.dockerignore applied by @balena/dockerignore,
#              a port of Docker's matcher): every COPY source is in it, nothing heavy or secret is.
#   build      the build stage's own steps: its COPY lines into a fresh /src, its Maven command (run
#              offline here: -o; dependency:go-offline is skipped, ~/.m2 has everything).
#   packages   every package the runtime stage installs has a Debian 12 candidate.
#   image      the runtime stage replayed from the Dockerfile itself (FROM, COPY, RUN, ENV, WORKDIR,
#              USER) in a chroot: debian:bookworm-slim rebuilt with mmdebstrap (minbase, the slim
#              image's dpkg excludes). Then, as the image's user with its environment: the ENTRYPOINT
#              with --help; a meme rendered with the image's fonts (CJK and emoji too); the heap under a
#              768 MiB memory cgroup; a misconfigured `run` (exit status, lines); the HEALTHCHECK
#              command against a stand-in /healthz (200, 503, nothing listening); the compose configs
#              loaded by the bot in the image.
# Prints one line per check (PASS, FAIL, SKIP, or KNOWN: a finding reported, not failed) and a summary;
# exits 1 if anything failed. Runnable again: tools, the base root file system and the downloaded
# packages are cached in $MEMEBATTLE_CHECK_DIR (default /tmp/memebattle-container-check); the build
# and the image tree are redone each run. Needs root for the chroot (mounts /proc, /dev, /sys inside
# it); installs mmdebstrap and docker-compose with apt, and the npm tools in the cache, if missing.
# Template images for the render come from ../shared/data/templates (the tests' data), if present.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
WORK="${MEMEBATTLE_CHECK_DIR:-/tmp/memebattle-container-check}"
mkdir -p "$WORK/logs"
NODE="$WORK/node"
NPM_TOOLS=(dockerfile-utils@0.16.3 dockerfilelint@1.8.0 dclint@3.1.0 @balena/dockerignore@1.0.2 yaml@2.9.1)

log() { echo "container-check: $*" >&2; }

apt_install() { # packages, quietly; only as root with apt
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $* (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "$@" >"$WORK/logs/apt-install.log" 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "$@" >"$WORK/logs/apt-install.log" 2>&1; }
  else
    return 1
  fi
}

# --- tools (cached) ---------------------------------------------------------------------------------
if command -v npm >/dev/null; then
  if [ ! -f "$NODE/.installed" ] || [ "$(cat "$NODE/.installed")" != "${NPM_TOOLS[*]}" ]; then
    log "installing ${NPM_TOOLS[*]} (npm, into $NODE)"
    mkdir -p "$NODE"
    npm install --silent --no-audit --no-fund --prefix "$NODE" "${NPM_TOOLS[@]}" >"$WORK/logs/npm.log" 2>&1 \
      && echo "${NPM_TOOLS[*]}" >"$NODE/.installed" || log "npm install failed (see $WORK/logs/npm.log)"
  fi
fi
if [ ! -x "$WORK/promtool/usr/bin/promtool" ] && command -v apt-get >/dev/null; then
  log "extracting promtool from Debian's prometheus package"
  rm -rf "$WORK/promtool" "$WORK/deb" && mkdir -p "$WORK/deb"
  (cd "$WORK/deb" && apt-get download prometheus >"$WORK/logs/promtool.log" 2>&1 \
     && dpkg-deb -x prometheus_*.deb "$WORK/promtool") || log "promtool unavailable (see $WORK/logs/promtool.log)"
fi
command -v docker-compose >/dev/null || apt_install docker-compose || true
command -v mmdebstrap >/dev/null || apt_install mmdebstrap || true

export REPO WORK NODE
exec python3 - "$@" <<'PY'
import json, os, re, shlex, shutil, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, HTTPServer

REPO, WORK, NODE = os.environ["REPO"], os.environ["WORK"], os.environ["NODE"]
LOGS = os.path.join(WORK, "logs")
results = []


def report(status, name, detail=""):
    line = f"{status:<5} {name}" + (f": {detail}" if detail else "")
    print(line, flush=True)
    results.append((status, line))


def run(cmd, log=None, **kw):
    """Runs cmd; returns (exit status, stdout, stderr); both outputs also go to logs/<log>.*"""
    kw.setdefault("stdin", subprocess.DEVNULL)
    kw.setdefault("timeout", 900)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", **kw)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        rc, out, err = 124, "", f"timed out after {kw['timeout']} s"
    except FileNotFoundError as e:
        rc, out, err = 127, "", str(e)
    if log:
        with open(os.path.join(LOGS, log + ".out"), "w") as f:
            f.write(out)
        with open(os.path.join(LOGS, log + ".err"), "w") as f:
            f.write(err)
    return rc, out, err


def tool(name):
    path = os.path.join(NODE, "node_modules", ".bin", name)
    return path if os.path.exists(path) else None


# --- the Dockerfile, parsed -------------------------------------------------------------------------
def parse_dockerfile(path):
    instrs, buf, start = [], "", None
    for n, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        s = line.strip()
        if s.startswith("#") or (not s and not buf):
            continue
        start = start or n
        if s.endswith("\\"):
            buf += s[:-1] + " "
            continue
        buf += s
        keyword, _, rest = buf.partition(" ")
        instrs.append((start, keyword.upper(), rest.strip()))
        buf, start = "", None
    stages = []
    for n, kw, rest in instrs:
        if kw == "FROM":
            words = rest.split()
            stages.append({"line": n, "image": words[0], "name": words[2] if len(words) > 2 else None, "steps": []})
        elif not stages:
            raise SystemExit(f"Dockerfile line {n}: {kw} before FROM")
        else:
            stages[-1]["steps"].append((n, kw, rest))
    return stages


def split_flags(rest):
    words = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    flags = {}
    while words and words[0].startswith("--"):
        k, _, v = words.pop(0)[2:].partition("=")
        flags[k] = v
    return flags, words


def parse_env(rest):
    words = shlex.split(rest)
    if words and "=" not in words[0]:  # legacy ENV KEY value
        return {words[0]: " ".join(words[1:])}
    return dict(w.split("=", 1) for w in words)


DOCKERFILE = os.path.join(REPO, "Dockerfile")
stages = parse_dockerfile(DOCKERFILE)
build_stage, runtime = stages[0], stages[-1]
image_env, entrypoint, cmd, healthcheck, exposed = {}, [], [], None, []
user, workdir, current_env = "root", "/", {}  # as the replay goes
for n, kw, rest in runtime["steps"]:
    if kw == "ENV":
        image_env.update(parse_env(rest))
    elif kw == "ENTRYPOINT":
        entrypoint = json.loads(rest)
    elif kw == "CMD":
        cmd = json.loads(rest)
    elif kw == "HEALTHCHECK":
        healthcheck = rest
    elif kw == "EXPOSE":
        exposed += rest.split()

# --- lint ---------------------------------------------------------------------------------------------
if tool("dockerfile-utils"):
    rc, out, err = run([tool("dockerfile-utils"), "lint", DOCKERFILE], "dockerfile-utils")
    report("PASS" if rc == 0 and not out.strip() else "FAIL", "dockerfile-utils lint Dockerfile",
           "no problems" if rc == 0 and not out.strip() else (out + err).strip().replace("\n", " | ")[:400])
else:
    report("SKIP", "dockerfile-utils lint Dockerfile", "npm tool not installed")

if tool("dockerfilelint"):
    rc, out, err = run([tool("dockerfilelint"), "-j", DOCKERFILE], "dockerfilelint")
    try:
        issues = [i for f in json.loads(out)["files"] for i in f["issues"]]
        # dockerfilelint 1.8.0 reads HEALTHCHECK options with /--\w+/, which stops at the hyphen of
        # --start-period (a valid option since Docker 17.05): a known false positive.
        known = [i for i in issues if i["content"].startswith("HEALTHCHECK") and "--start-period" in i["content"]
                 and i["title"] == "Invalid Argument Format"]
        other = [i for i in issues if i not in known]
        report("FAIL" if other else "PASS", "dockerfilelint Dockerfile",
               "; ".join(f"line {i['line']}: {i['title']}" for i in other) if other else
               f"no problems (ignored: {len(known)} false positive on HEALTHCHECK --start-period)")
    except (ValueError, KeyError):
        report("FAIL", "dockerfilelint Dockerfile", (out + err).strip()[:300])
else:
    report("SKIP", "dockerfilelint Dockerfile", "npm tool not installed")

COMPOSE = os.path.join(REPO, "docker-compose.yml")
if tool("dclint"):
    # no top-level `name:` on purpose: Debian 12's docker-compose 1.29 refuses it
    rc, out, err = run([tool("dclint"), COMPOSE, "--color", "false", "--disable-rule", "require-project-name-field"], "dclint")
    report("PASS" if rc == 0 and "problem" not in out else "FAIL", "dclint docker-compose.yml (compose-spec schema + rules)",
           "no problems" if rc == 0 and "problem" not in out else re.sub(r"\s+", " ", out + err).strip()[:400])
else:
    report("SKIP", "dclint docker-compose.yml", "npm tool not installed")

if shutil.which("docker-compose"):
    env = dict(os.environ, DISCORD_TOKEN="check-discord-token", MEMEBATTLE_DB_PASSWORD="check-db-password")
    env.pop("TELEGRAM_TOKEN", None)
    rc, out, err = run(["docker-compose", "-f", COMPOSE, "config"], "docker-compose-config", env=env, cwd=REPO)
    version = run(["docker-compose", "version", "--short"])[1].strip()
    report("PASS" if rc == 0 else "FAIL", f"docker-compose {version} config", "valid" if rc == 0 else err.strip()[:300])
    for var in ("DISCORD_TOKEN", "MEMEBATTLE_DB_PASSWORD"):
        env2 = dict(env)
        env2.pop(var)
        rc, out, err = run(["docker-compose", "-f", COMPOSE, "config"], None, env=env2, cwd=REPO)
        ok = rc != 0 and f"set {var}" in err
        report("PASS" if ok else "FAIL", f"docker-compose refuses to start without {var}",
               f"exit {rc}: ...{err.strip()[-60:]}" if err.strip() else f"exit {rc}")
else:
    report("SKIP", "docker-compose config", "docker-compose not installed")

# No literal secrets in the compose files: every token/password value is an ${...} reference.
secret_re = re.compile(r"^\s*(DISCORD_TOKEN|TELEGRAM_TOKEN|TELEGRAM_WEBHOOK_SECRET|MEMEBATTLE_DB_PASSWORD|POSTGRES_PASSWORD)\s*[:=]\s*(.*)$")
literal = []
for path in [COMPOSE] + sorted(os.path.join(REPO, "docs/compose", f) for f in os.listdir(os.path.join(REPO, "docs/compose"))):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        m = secret_re.match(line.split(" #")[0])
        if m and not m.group(2).strip().startswith("${"):
            literal.append(f"{os.path.relpath(path, REPO)}:{n}")
report("FAIL" if literal else "PASS", "no secrets in docker-compose.yml or docs/compose/",
       ", ".join(literal) if literal else "tokens and passwords are ${...} from the environment")


def load_yaml(path):
    rc, out, err = run(["node", "-e", "const y=require(process.argv[1]);const fs=require('fs');"
                        "console.log(JSON.stringify(y.parse(fs.readFileSync(process.argv[2],'utf8'),{merge:true})))",
                        os.path.join(NODE, "node_modules", "yaml"), path])
    if rc != 0:
        raise ValueError(err.strip()[:300])
    return json.loads(out)


try:
    bots = {name: load_yaml(os.path.join(REPO, "docs/compose", name + ".yml")) for name in ("bot-a", "bot-b")}
    spec = load_yaml(COMPOSE)
    shards = {b: c["discord"]["shards"] for b, c in bots.items()}
    ids = {b: c["discord"]["shard_ids"] for b, c in bots.items()}
    total = set(shards.values())
    all_ids = sorted(i for v in ids.values() for i in v)
    urls = {c["store"]["url"] for c in bots.values()}
    mounted = {b: [v for v in spec["services"][b]["volumes"] if v.endswith(":/app/config.yml:ro")] for b in bots}
    problems = []
    if len(total) != 1 or all_ids != list(range(next(iter(total)))):
        problems.append(f"shard_ids {ids} do not split shards {shards} exactly once")
    if len(urls) != 1 or not next(iter(urls)).startswith("jdbc:postgresql://postgres:"):
        problems.append(f"store.url differs or is not the postgres service: {urls}")
    for b, vols in mounted.items():
        if vols != [f"./docs/compose/{b}.yml:/app/config.yml:ro"]:
            problems.append(f"{b} does not mount docs/compose/{b}.yml over /app/config.yml")
    report("FAIL" if problems else "PASS", "compose: two bots, one PostgreSQL, Discord's shards split",
           "; ".join(problems) if problems else f"shards {next(iter(total))}: bot-a {ids['bot-a']}, bot-b {ids['bot-b']}; store {next(iter(urls))}")
    prom = load_yaml(os.path.join(REPO, "docs/compose/prometheus.yml"))
    targets = sorted(t for job in prom["scrape_configs"] for sc in job["static_configs"] for t in sc["targets"])
    port = image_env.get("MEMEBATTLE_METRICS_PORT")
    want = sorted(f"{b}:{port}" for b in bots)
    report("PASS" if targets == want else "FAIL", "prometheus.yml scrapes both bots on the image's metrics port",
           f"targets {targets}" + ("" if targets == want else f", want {want}"))
except (ValueError, KeyError, TypeError, StopIteration) as e:
    report("FAIL", "compose files readable", str(e)[:300])

promtool = os.path.join(WORK, "promtool/usr/bin/promtool")
if os.path.exists(promtool):
    rc, out, err = run([promtool, "check", "config", os.path.join(REPO, "docs/compose/prometheus.yml")], "promtool")
    version = run([promtool, "--version"])[1].split("\n")[0]
    report("PASS" if rc == 0 else "FAIL", f"promtool check config docs/compose/prometheus.yml ({version})",
           "valid" if rc == 0 else (out + err).strip()[:300])
else:
    report("SKIP", "promtool check config", "promtool not available")

# --- the build context --------------------------------------------------------------------------------
CONTEXT = os.path.join(WORK, "context")
if os.path.exists(os.path.join(NODE, "node_modules/@balena/dockerignore")):
    lister = r"""
const ignore = require(process.argv[1]), fs = require('fs'), path = require('path');
const root = process.argv[2];
const ig = ignore().add(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(path.join(root, dir), {withFileTypes: true})) {
    const rel = dir ? dir + '/' + e.name : e.name;
    if (e.isDirectory()) walk(rel); else files.push(rel);
  }
})('');
console.log(JSON.stringify(ig.filter(files)));
"""
    rc, out, err = run(["node", "-e", lister, os.path.join(NODE, "node_modules/@balena/dockerignore"), REPO], "context")
    sent = json.loads(out) if rc == 0 else []
    shutil.rmtree(CONTEXT, ignore_errors=True)
    size = 0
    for rel in sent:
        src, dst = os.path.join(REPO, rel), os.path.join(CONTEXT, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst, follow_symlinks=False)
        size += os.lstat(src).st_size
    tops = sorted({r.split("/")[0] for r in sent})
    bad = [r for r in sent if re.search(r"(^|/)(target|\.git|data|cache|out|checkpoints)(/|$)|(^|/)\.env$|\.log$|\.iml$|^\.idea/", r)]
    report("FAIL" if bad or rc != 0 else "PASS", ".dockerignore: nothing heavy or secret in the context",
           f"{len(bad)} such files, e.g. {bad[:3]}" if bad else f"{len(sent)} files, {size / 1e6:.1f} MB; top level: {' '.join(tops)}")
    missing = []
    for stage in stages:
        for n, kw, rest in stage["steps"]:
            if kw in ("COPY", "ADD"):
                flags, words = split_flags(rest)
                if "from" not in flags:
                    for src in words[:-1]:
                        if not any(r == src or r.startswith(src.rstrip("/") + "/") for r in sent):
                            missing.append(f"line {n}: {src}")
    report("FAIL" if missing else "PASS", ".dockerignore keeps every COPY source",
           ", ".join(missing) if missing else "all present")
else:
    report("SKIP", ".dockerignore", "@balena/dockerignore not installed")
    shutil.rmtree(CONTEXT, ignore_errors=True)
    shutil.copytree(REPO, CONTEXT, symlinks=True, ignore=shutil.ignore_patterns("target", ".git"))


def copy_into(root, dest_dir, rest, sources_root):
    """COPY as Docker does: a folder's contents into dest, a file to dest (or into dest/)."""
    flags, words = split_flags(rest)
    *srcs, dest = words
    dest = dest if dest.startswith("/") else os.path.join(dest_dir, dest)
    for src in srcs:
        s = os.path.join(sources_root, src.lstrip("/"))
        d = root + dest
        if os.path.isdir(s):
            shutil.copytree(s, d, symlinks=True, dirs_exist_ok=True)
        else:
            if dest.endswith("/") or len(srcs) > 1:
                d = os.path.join(d, os.path.basename(s))
            os.makedirs(os.path.dirname(d), exist_ok=True)
            shutil.copy2(s, d)
    return flags


# --- the build stage ----------------------------------------------------------------------------------
BUILD = os.path.join(WORK, "build-root")
jar = None
shutil.rmtree(BUILD, ignore_errors=True)
os.makedirs(BUILD)
bdir, build_ok, build_notes = "/", True, []
for n, kw, rest in build_stage["steps"]:
    if kw == "WORKDIR":
        bdir = rest
        os.makedirs(BUILD + bdir, exist_ok=True)
    elif kw == "COPY":
        copy_into(BUILD, bdir, rest, CONTEXT)
    elif kw == "RUN" and rest.startswith("mvn "):
        args = shlex.split(rest)
        if "dependency:go-offline" in args:
            build_notes.append(f"line {n} (dependency:go-offline) skipped: offline here")
            continue
        args.insert(1, "-o")
        t = time.time()
        rc, out, err = run(args, "build-maven", cwd=BUILD + bdir)
        build_notes.append(f"line {n}: `{' '.join(args)}` exit {rc} in {time.time() - t:.0f} s")
        build_ok = build_ok and rc == 0
    else:
        build_notes.append(f"line {n}: {kw} not replayed")
        build_ok = False
jar = os.path.join(BUILD, "src/target/memebattle.jar")
maven = re.sub(r"\x1b\[[0-9;]*m", "", run(["mvn", "-B", "-v"])[1]).splitlines()[0].strip()
if build_ok and os.path.exists(jar):
    report("PASS", f"build stage ({build_stage['image']} emulated: {maven}, this machine's JDK 17)",
           f"{'; '.join(build_notes)}; jar {os.path.getsize(jar) / 1e6:.1f} MB")
else:
    report("FAIL", "build stage", "; ".join(build_notes) + f" (see {LOGS}/build-maven.*)")
    jar = None

# --- the runtime stage's packages ----------------------------------------------------------------------
copied = {}  # image path -> context file, for $(cat ...)
packages = []
for n, kw, rest in runtime["steps"]:
    if kw == "COPY" and "--from" not in rest:
        _, words = split_flags(rest)
        copied[words[-1]] = os.path.join(CONTEXT, words[0])
    if kw == "RUN" and "apt-get install" in rest:
        for part in rest.split("&&"):
            if "apt-get install" in part:
                words = re.sub(r"\$\(cat (\S+)\)", lambda m: open(copied[m.group(1)]).read(), part.split("apt-get install", 1)[1])
                packages += [w for w in words.split() if not w.startswith("-")]
no_candidate = []
for p in packages:
    rc, out, _ = run(["apt-cache", "policy", p])
    m = re.search(r"Candidate: (\S+)", out)
    if not m or m.group(1) == "(none)":
        no_candidate.append(p)
report("FAIL" if no_candidate or not packages else "PASS", f"runtime packages exist in {open('/etc/os-release').read().split('PRETTY_NAME=')[1].splitlines()[0].strip(chr(34))}",
       f"missing: {no_candidate}" if no_candidate else f"{len(packages)}: {' '.join(packages)}")

# --- the runtime stage, replayed in a chroot -------------------------------------------------------------
ROOT = os.path.join(WORK, "image")
BASE = os.path.join(WORK, "base-bookworm-slim.tar")
APT_CACHE = os.path.join(WORK, "apt-archives")
mounts = []


def mount(*args):
    target = args[-1]
    os.makedirs(target, exist_ok=True)
    subprocess.run(["mount", *args], check=True)
    mounts.append(target)


def unmount_all():
    for target in reversed(mounts):
        subprocess.run(["umount", "-R", "-l", target], stderr=subprocess.DEVNULL)
    mounts.clear()


def mounted_below(path):
    return [l.split()[1] for l in open("/proc/mounts") if l.split()[1].startswith(path.rstrip("/") + "/")]


def remove_root():
    if mounted_below(ROOT):
        raise SystemExit(f"refusing to delete {ROOT}: still mounted: {mounted_below(ROOT)}")
    subprocess.run(["rm", "-rf", "--one-file-system", ROOT], check=True)


def passwd_ids(name):
    for line in open(os.path.join(ROOT, "etc/passwd")):
        f = line.split(":")
        if f[0] == name or f[2] == name:
            return int(f[2]), int(f[3]), f[5]
    raise KeyError(name)


def in_image(argv, as_user=None, env=None, log=None, cwd=None, **kw):
    uid, gid, home = passwd_ids(as_user or user)
    e = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": home, "HOSTNAME": "memebattle-check"}
    e.update(current_env)
    e.update(env or {})
    inner = "cd " + shlex.quote(cwd or workdir) + " && exec " + " ".join(shlex.quote(a) for a in argv)
    return run(["chroot", f"--userspec={uid}:{gid}", "--groups=" + str(gid), ROOT, "/bin/sh", "-c", inner],
               log, env=e, **kw)


def build_base():
    if os.path.isfile(BASE):
        return True
    excludes = ["path-exclude=/usr/share/doc/*", "path-include=/usr/share/doc/*/copyright", "path-exclude=/usr/share/groff/*",
                "path-exclude=/usr/share/info/*", "path-exclude=/usr/share/linda/*", "path-exclude=/usr/share/lintian/overrides/*",
                "path-exclude=/usr/share/locale/*", "path-include=/usr/share/locale/locale.alias", "path-exclude=/usr/share/man/*"]
    args = ["mmdebstrap", "--quiet", "--variant=minbase", "--mode=root"] + [f"--dpkgopt={x}" for x in excludes] + [
        "bookworm", BASE + ".partial.tar", "deb http://deb.debian.org/debian bookworm main",
        "deb http://deb.debian.org/debian bookworm-updates main", "deb http://deb.debian.org/debian-security bookworm-security main"]
    rc, out, err = run(args, "mmdebstrap")
    if rc == 0:
        os.rename(BASE + ".partial.tar", BASE)
    return rc == 0


health_status = {"code": 200}


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        code = health_status["code"] if self.path == "/healthz" else 404
        self.send_response(code)
        self.end_headers()
        self.wfile.write(b"ok\n" if code == 200 else b"not ok\n")

    def log_message(self, *a):
        pass


def replay_and_check():
    global user, workdir, current_env
    if runtime["image"] != "debian:bookworm-slim":
        report("SKIP", "image", f"only debian:bookworm-slim can be rebuilt here, not {runtime['image']}")
        return
    if os.geteuid() != 0 or not shutil.which("mmdebstrap") or not shutil.which("chroot"):
        report("SKIP", "image", "needs root, mmdebstrap and chroot")
        return
    if not jar:
        report("SKIP", "image", "no jar from the build stage")
        return
    t = time.time()
    if not build_base():
        report("FAIL", "image: debian:bookworm-slim rebuilt with mmdebstrap", f"see {LOGS}/mmdebstrap.err")
        return
    for left in sorted(mounted_below(ROOT), reverse=True):  # from an interrupted run
        subprocess.run(["umount", "-R", "-l", left], stderr=subprocess.DEVNULL)
    remove_root()
    os.makedirs(ROOT)
    subprocess.run(["tar", "-C", ROOT, "-xf", BASE], check=True)
    shutil.copy("/etc/resolv.conf", os.path.join(ROOT, "etc/resolv.conf"))  # as Docker provides at build time
    mount("-t", "proc", "proc", os.path.join(ROOT, "proc"))
    mount("--bind", "/dev", os.path.join(ROOT, "dev"))
    os.makedirs(os.path.join(APT_CACHE, "partial"), exist_ok=True)
    # downloaded .debs stay in the cache, not in the image (the real image's RUN deletes them too)
    mount("--bind", APT_CACHE, os.path.join(ROOT, "var/cache/apt/archives"))
    steps = []
    for n, kw, rest in runtime["steps"]:
        if kw == "COPY":
            flags, _ = split_flags(rest)
            copy_into(ROOT, workdir, rest, BUILD if flags.get("from") == build_stage["name"] else CONTEXT)
        elif kw == "RUN":
            rc, out, err = in_image(["/bin/sh", "-c", rest], log=f"image-run-line{n}")
            steps.append(f"RUN line {n}: exit {rc}")
            if rc != 0:
                last = err.strip().splitlines()[-1][:200] if err.strip() else ""
                report("FAIL", f"image: RUN at Dockerfile line {n}", f"exit {rc}; see {LOGS}/image-run-line{n}.err: {last}")
                return
        elif kw == "WORKDIR":
            workdir = rest
            os.makedirs(ROOT + workdir, exist_ok=True)
        elif kw == "USER":
            user = rest
        elif kw == "ENV":
            current_env = {**current_env, **parse_env(rest)}
        elif kw not in ("ENV", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "LABEL", "STOPSIGNAL", "ARG"):
            report("FAIL", f"image: {kw} at Dockerfile line {n}", "not replayed by this check")
            return
    unmount_all()
    os.remove(os.path.join(ROOT, "etc/resolv.conf"))
    size = int(run(["du", "-sxb", ROOT])[1].split()[0])
    report("PASS", "image: runtime stage replayed (FROM debian:bookworm-slim via mmdebstrap, COPY, RUN, ENV, WORKDIR, USER)",
           f"{'; '.join(steps)}; {size / 1e6:.0f} MB on disk (uncompressed); {time.time() - t:.0f} s")

    # run-time mounts: /proc, /dev, /sys (the JVM reads its memory cgroup there), shared template images
    mount("-t", "proc", "proc", os.path.join(ROOT, "proc"))
    mount("--bind", "/dev", os.path.join(ROOT, "dev"))
    mount("--rbind", "/sys", os.path.join(ROOT, "sys"))
    subprocess.run(["mount", "--make-rslave", os.path.join(ROOT, "sys")], check=True)
    images = os.path.normpath(os.path.join(REPO, "../shared/data/templates"))
    if os.path.isdir(images):
        mount("--bind", "-o", "ro", images, os.path.join(ROOT, "images"))

    # versions against the machine the tests ran on
    keys = ["openjdk-17-jre-headless"] + open(os.path.join(REPO, ".ci/apt-packages.txt")).read().split()
    q = ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n"] + keys
    img = dict(l.split() for l in in_image(q, as_user="root")[1].splitlines() if l.strip())
    host = dict(l.split() for l in run(q)[1].splitlines() if l.strip())
    diff = [f"{k} image {img.get(k)} / here {host.get(k, 'none')}" for k in keys if img.get(k) != host.get(k)]
    report("PASS" if len(img) == len(keys) else "FAIL", "image: packages installed",
           " ".join(f"{k}={v}" for k, v in img.items()) + (f" (differs from this machine: {'; '.join(diff)})" if diff else " (same as this machine)"))

    rc, out, err = in_image(["keytool", "-list", "-cacerts", "-storepass", "changeit"], log="image-cacerts")
    n = out.count("trustedCertEntry")
    report("PASS" if rc == 0 and n > 100 else "FAIL", "image: Java trusts the public CAs (HTTPS to Discord and Telegram)",
           f"{n} certificates in the JRE's cacerts")

    rc, out, _ = in_image(["id", "-u"])
    report("PASS" if rc == 0 and out.strip() != "0" else "FAIL", f"image: runs as {user}", f"uid {out.strip()}")

    rc, out, err = in_image(["java", "-XshowSettings:properties", "-version"], log="image-java-properties")
    props = dict(re.findall(r"^\s+(\S+) = (.*)$", err, re.M))
    ok = props.get("file.encoding") == "UTF-8" and props.get("sun.jnu.encoding") == "UTF-8"
    report("PASS" if ok else "FAIL", "image: Java's default charset", f"file.encoding={props.get('file.encoding')} "
           f"sun.jnu.encoding={props.get('sun.jnu.encoding')} java.vm.version={props.get('java.vm.version')} (LANG={image_env.get('LANG')})")

    fams = {"Bebas Neue": "BebasNeue", "DejaVu Sans": "DejaVuSans", "Comic Neue": "ComicNeue", "Noto Sans CJK JP": "NotoSansCJK", "Symbola": "Symbola"}
    got = {f: in_image(["fc-match", f])[1].strip() for f in fams}
    bad = [f for f, want in fams.items() if want not in got[f].replace(" ", "").replace("-", "")]
    report("FAIL" if bad else "PASS", "image: fontconfig finds the fonts", "; ".join(f"{f} -> {got[f]}" for f in fams))

    rc, out, err = in_image(entrypoint + ["--help"], log="image-help")
    report("PASS" if rc == 0 and "Usage: memebattle" in out else "FAIL", "image: ENTRYPOINT " + " ".join(entrypoint[1:-2]) + " ... --help",
           f"exit {rc}; {out.strip().splitlines()[0] if out.strip() else err.strip()[:200]}")

    # the heap under a container memory limit (cgroup v1 here; v2 where the memory controller is)
    flags = entrypoint[:entrypoint.index("-jar")]
    cg_line = [l.split(":", 2) for l in open("/proc/self/cgroup")]
    v1 = [p for _, c, p in cg_line if c == "memory"]
    cg = None
    try:
        if v1 and os.path.isdir("/sys/fs/cgroup/memory"):
            cg = f"/sys/fs/cgroup/memory{v1[0].strip()}/memebattle-check"
            os.makedirs(cg, exist_ok=True)
            open(cg + "/memory.limit_in_bytes", "w").write(str(768 << 20))
        else:
            v2 = [p for h, c, p in cg_line if h == "0"]
            cg = f"/sys/fs/cgroup{v2[0].strip()}/memebattle-check"
            os.makedirs(cg, exist_ok=True)
            open(cg + "/memory.max", "w").write(str(768 << 20))
        procs = cg + "/cgroup.procs"

        def enter_cgroup():
            with open(procs, "w") as f:
                f.write(str(os.getpid()))
        rc, out, err = in_image(flags + ["-XX:+PrintFlagsFinal", "-version"], log="image-heap", preexec_fn=enter_cgroup)
        heap = re.search(r"\bMaxHeapSize\s+=\s+(\d+)", out)
        mib = int(heap.group(1)) >> 20 if heap else None
        report("PASS" if mib == 384 else "FAIL", "image: heap under a 768 MiB memory limit (-XX:MaxRAMPercentage=50)",
               f"MaxHeapSize {mib} MiB")
    except (OSError, IndexError) as e:
        report("SKIP", "image: heap under a memory limit", f"cannot make a memory cgroup here: {e}")
    finally:
        if cg and os.path.isdir(cg):
            try:
                os.rmdir(cg)
            except OSError:
                pass

    if os.path.isdir(images):
        for name, template, text in (("latin", "doge", "such test|very bar"), ("cjk-emoji", "drake", "中文 テスト 한국어|🔥 emoji 😂")):
            out_file = f"/app/out/check-{name}.jpg"
            rc, out, err = in_image(entrypoint + ["generate", "--images-dir", "/images", "--template", template,
                                                  "--text", text, "--out", out_file], log=f"image-generate-{name}")
            path = ROOT + out_file
            ok = rc == 0 and os.path.exists(path) and os.path.getsize(path) > 1000 and "Exception" not in err
            report("PASS" if ok else "FAIL", f"image: generate renders ({name}: {text})",
                   f"exit {rc}; {out.strip().splitlines()[-1] if out.strip() else err.strip()[:200]}")
    else:
        report("SKIP", "image: generate renders", f"no template images at {images}")

    # a misconfigured container: what it prints and how it exits
    open(ROOT + "/tmp/check-broken.yml", "w").write("engine:\n  wrokers: 3\n")
    open(ROOT + "/tmp/check-pg.yml", "w").write("store:\n  url: jdbc:postgresql://127.0.0.1:1/nope\n")
    rc, out, err = in_image(entrypoint + cmd + ["--config", "/tmp/check-broken.yml"], env={"DISCORD_TOKEN": "check"}, log="image-run-broken-config")
    lines = [l for l in (out + err).splitlines() if l.strip()]
    report("PASS" if rc != 0 and len(lines) == 1 else "FAIL", "image: run with a broken config exits non-zero with one line",
           f"exit {rc}, {len(lines)} line(s): {lines[0][:160] if lines else ''}")
    rc, out, err = in_image(entrypoint + cmd, log="image-run-no-tokens")
    lines = [l for l in (out + err).splitlines() if l.strip()]
    report("PASS" if rc != 0 and len(lines) == 1 else "KNOWN", "image: run with no token (no terminal)",
           f"exit {rc}, {len(lines)} line(s) on {'stdout' if out.strip() else 'stderr'}: {lines[0][:100] if lines else ''}")
    rc, out, err = in_image(entrypoint + cmd + ["--config", "/tmp/check-pg.yml"], env={"DISCORD_TOKEN": "check"}, log="image-run-no-database")
    lines = [l for l in (out + err).splitlines() if l.strip()]
    report("PASS" if rc != 0 and len(lines) <= 2 else "KNOWN", "image: run with an unreachable PostgreSQL",
           f"exit {rc}, {len(lines)} line(s) (a stack trace: {sum(1 for l in lines if l.lstrip().startswith('at '))} 'at' lines): "
           + "; ".join([l[:120] for l in lines if not l.lstrip().startswith(("at ", "..."))][:3]))

    # the compose configs, as the bot in the image reads them
    for b in ("bot-a", "bot-b"):
        shutil.copy(os.path.join(REPO, "docs/compose", b + ".yml"), ROOT + f"/tmp/{b}.yml")
        rc, out, err = in_image(entrypoint + ["captions", "--config", f"/tmp/{b}.yml", "--template", "doge", "--count", "1", "--seed", "1"],
                                log=f"image-config-{b}")
        report("PASS" if rc == 0 else "FAIL", f"image: the bot accepts docs/compose/{b}.yml", f"exit {rc}" + ("" if rc == 0 else ": " + err.strip()[:200]))

    # HEALTHCHECK: its command, as Docker runs it (shell form: /bin/sh -c, the image's env)
    m = re.search(r"\bCMD\s+(.*)$", healthcheck or "")
    if not m:
        report("FAIL", "image: HEALTHCHECK", "none")
        return
    hc = m.group(1)
    server = HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = str(server.server_address[1])
    outcomes = []
    for code in (200, 503):
        health_status["code"] = code
        rc, out, err = in_image(["/bin/sh", "-c", hc], env={"MEMEBATTLE_METRICS_PORT": port}, log=f"image-healthcheck-{code}")
        outcomes.append((code, rc, (out + err).strip()))
    server.shutdown()
    server.server_close()
    rc, out, err = in_image(["/bin/sh", "-c", hc], env={"MEMEBATTLE_METRICS_PORT": port}, log="image-healthcheck-down")
    outcomes.append(("nothing listening", rc, (out + err).strip()))
    ok = outcomes[0][1] == 0 and outcomes[1][1] == 1 and outcomes[2][1] == 1
    report("PASS" if ok else "FAIL", f"image: HEALTHCHECK `{hc}` (port {image_env.get('MEMEBATTLE_METRICS_PORT')} in the image; a stand-in on {port})",
           "; ".join(f"{c} -> exit {r}" + (f" ({o.splitlines()[-1][:70]})" if o else "") for c, r, o in outcomes))
    report("PASS" if image_env.get("MEMEBATTLE_METRICS_PORT") in [p.split("/")[0] for p in exposed] else "FAIL",
           "image: EXPOSEs the metrics port", f"EXPOSE {' '.join(exposed)}; ENV MEMEBATTLE_METRICS_PORT={image_env.get('MEMEBATTLE_METRICS_PORT')} MEMEBATTLE_METRICS_BIND={image_env.get('MEMEBATTLE_METRICS_BIND')}")


try:
    replay_and_check()
finally:
    unmount_all()

counts = {s: sum(1 for r, _ in results if r == s) for s in ("PASS", "FAIL", "SKIP", "KNOWN")}
print(f"container-check: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped, {counts['KNOWN']} known "
      f"(logs in {LOGS})", flush=True)
sys.exit(1 if counts["FAIL"] else 0)
PY
