"""Prints the test counts from the surefire (unit) and failsafe (*IT) reports; fails if an IT was skipped."""
import glob
import sys
import xml.etree.ElementTree as ET


def count(pattern):
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in glob.glob(pattern, recursive=True):
        suite = ET.parse(path).getroot()
        for key in totals:
            totals[key] += int(suite.get(key, 0))
    return totals


root = sys.argv[1]
unit = count(f"{root}/*/target/surefire-reports/TEST-*.xml")
integration = count(f"{root}/*/target/failsafe-reports/TEST-*.xml")
ok = True
for name, totals in (("unit (*Test)", unit), ("integration (*IT)", integration)):
    failed = totals["failures"] + totals["errors"]
    passed = totals["tests"] - failed - totals["skipped"]
    print(f"{name}: {passed} passed, {failed} failed, {totals['skipped']} skipped")
    ok = ok and failed == 0
if integration["skipped"]:
    print("An *IT was skipped: in CI every IT must run against the real servers.")
    ok = False
if integration["tests"] == 0:
    print("No *IT ran.")
    ok = False
sys.exit(0 if ok else 1)
