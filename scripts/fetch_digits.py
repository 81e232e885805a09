"""Writes data/digits.csv: the 8x8 handwritten digits that scikit-learn ships, converted once.

    .venv/bin/python scripts/fetch_digits.py

The file is committed; this script records where it came from and makes it again. It downloads
the scikit-learn wheel named below with pip (no install), takes `sklearn/datasets/data/digits.csv.gz`
out of it, checks its SHA-256, and writes it uncompressed: 1,797 rows of 64 pixel counts (0-16)
and the digit (0-9), comma-separated, so a Swift program and a Python one read it the same way
without a decompressor. See data/README.md for the licence.
"""
import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

WHEEL = "scikit-learn==1.9.1"
MEMBER = "sklearn/datasets/data/digits.csv.gz"
SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "digits.csv")


def main():
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "--dest", folder, WHEEL], check=True)
        (wheel,) = [name for name in os.listdir(folder) if name.endswith(".whl")]
        with zipfile.ZipFile(os.path.join(folder, wheel)) as archive:
            packed = archive.read(MEMBER)
    digest = hashlib.sha256(packed).hexdigest()
    if digest != SHA256:
        sys.exit(f"{MEMBER} has SHA-256 {digest}, expected {SHA256}")
    text = gzip.decompress(packed)
    rows = text.decode("ascii").splitlines()
    assert len(rows) == 1797 and all(len(row.split(",")) == 65 for row in rows), "unexpected layout"
    with open(OUT, "wb") as f:
        f.write(text)
    print(f"wrote {os.path.normpath(OUT)}: {len(rows)} rows, {len(text):,} bytes")


if __name__ == "__main__":
    main()
