#!/usr/bin/env python3
"""The bare read, for scale: import pandas and load every check-in from a
Thaw CSV export (checkins.csv), and nothing else.

Usage: read_rows_pandas.py CSV_DIR
"""

import sys
from pathlib import Path

import pandas as pd

frame = pd.read_csv(Path(sys.argv[1]) / "checkins.csv", encoding="utf-8-sig")
print(len(frame))
