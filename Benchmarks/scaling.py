#!/usr/bin/env python3
"""Growth runs: the same work at several sizes, each time the median of whole sealctl processes.
10x the work must cost at most about 10x the time; the target asked here is
time(20,000 keys) / time(5,000 keys) <= 4.5 (linear would be 4.0).

Usage: scaling.py SEALCTL CERT [RUNS]   (prints `name size seconds` lines, then the ratios)
Processes that refuse their input (seal of 20,000 keys is over etcd's limit) are timed all the
same: the refusal comes after the work, so the growth is the growth of the work."""
import os, statistics, subprocess, sys, tempfile, time

sealctl, certificate = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
work = tempfile.mkdtemp(prefix="sealkit-scaling-")

def timed(command, stdin=None):
    times = []
    for _ in range(runs):
        with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
            start = time.perf_counter()
            subprocess.run(command, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return statistics.median(times)

def env_file(keys):
    path = f"{work}/values-{keys}.env"
    with open(path, "w") as f: f.writelines(f"KEY_{i}=value-{i}\n" for i in range(keys))
    return path

def sealed_file(keys):
    """A SealedSecret of `keys` keys, every one holding the same real sealed value (as a file
    grown over years would hold keys), sealed once by sealctl itself."""
    one = subprocess.run([sealctl, "seal", "--cert", certificate, "--name", "big", "-n", "prod", "--from-literal", "KEY=value"],
                         capture_output=True, text=True, check=True).stdout
    lines = one.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    KEY: "))
    value = lines[at].split(": ", 1)[1]
    path = f"{work}/sealed-{keys}.yaml"
    with open(path, "w") as f:
        f.write("\n".join(lines[:at] + [f"    KEY_{i}: {value}" for i in range(keys)] + lines[at + 1:]) + "\n")
    return path

def tree(files):
    """`files` SealedSecret files in folders of 100, each a small kubeseal file."""
    root = f"{work}/tree-{files}"
    one = subprocess.run([sealctl, "seal", "--cert", certificate, "--name", "s", "-n", "prod", "--from-literal", "password=x"],
                         capture_output=True, text=True, check=True).stdout
    for index in range(files):
        folder = f"{root}/app-{index // 100}"
        os.makedirs(folder, exist_ok=True)
        with open(f"{folder}/secret-{index}.yaml", "w") as f: f.write(one.replace("name: s\n", f"name: s{index}\n"))
    return root

def stream(documents):
    path = f"{work}/stream-{documents}.yaml"
    with open(path, "w") as f:
        for index in range(documents):
            f.write(f"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s{index}\n  namespace: prod\nstringData:\n  password: value-{index}\n")
    return path

results = {}
def record(name, size, seconds):
    results[(name, size)] = seconds
    print(f"{name} {size} {seconds:.3f}", flush=True)

for keys in (1000, 5000, 20000):
    record("seal_env_keys", keys, timed([sealctl, "seal", "--cert", certificate, "--name", "big", "-n", "prod", "--from-env-file", env_file(keys)]))
    path = sealed_file(keys)
    record("validate_keys", keys, timed([sealctl, "validate", path]))
    copy = f"{path}.set.yaml"
    def set_once():
        subprocess.run(["cp", path, copy], check=True)
        with open(f"{work}/value", "w") as f: f.write("new-value")
        start = time.perf_counter()
        with open(f"{work}/value", "rb") as source:
            subprocess.run([sealctl, "set", "--cert", certificate, copy, "NEW_KEY"], stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    record("set_keys", keys, statistics.median(set_once() for _ in range(runs)))
for files in (1000, 10000):
    root = tree(files)
    record("check_files", files, timed([sealctl, "check", root]))
for documents in (1000, 4000):
    record("seal_stream_documents", documents, timed([sealctl, "seal", "--cert", certificate], stdin=stream(documents)))

print()
for name in ("seal_env_keys", "validate_keys", "set_keys"):
    ratio = results[(name, 20000)] / results[(name, 5000)]
    print(f"{name}: 20,000 / 5,000 = {ratio:.2f} (target <= 4.5) {'ok' if ratio <= 4.5 else 'MISSED'}")
ratio = results[("check_files", 10000)] / results[("check_files", 1000)]
print(f"check_files: 10,000 / 1,000 = {ratio:.2f} (target <= about 10) {'ok' if ratio <= 11 else 'MISSED'}")
ratio = results[("seal_stream_documents", 4000)] / results[("seal_stream_documents", 1000)]
print(f"seal_stream_documents: 4,000 / 1,000 = {ratio:.2f} (target <= about 4) {'ok' if ratio <= 4.5 else 'MISSED'}")
subprocess.run(["rm", "-rf", work])
