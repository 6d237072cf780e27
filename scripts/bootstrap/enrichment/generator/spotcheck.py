"""Re-open the cited line of 20 random result rows and say whether the value is printed there."""
import glob, os, random, re, subprocess, sys
import yaml
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
MIRROR = os.environ.get('VLKB_MIRROR', '/work/.mirror')
rows = [(f.rsplit('/', 1)[-1], r) for f in sorted(glob.glob(REPO + '/scripts/bootstrap/enrichment/*.yaml'))
        for r in (yaml.safe_load(open(f)).get('results') or [])]
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 20261126)
for i, (f, r) in enumerate(random.sample(rows, 20), 1):
    s = r['source']
    line = subprocess.check_output(['git', '-C', f"{MIRROR}/{s['repository'].replace('/', '+')}/repo", 'show',
                                    f"{s['commit']}:{s['path']}"], text=True).split('\n')[s['line'] - 1]
    ok = any(float(t) == float(r['value']) for t in re.findall(r'-?\d+(?:\.\d+)?', line))
    print(f"{i:2d} {r['variant']} | {r['benchmark']} {r['split']} {r['metric']} = {r['value']} | "
          f"{s['repository']}/{s['path']}@{s['commit'][:8]}:{s['line']} | match={'yes' if ok else 'NO'}")
