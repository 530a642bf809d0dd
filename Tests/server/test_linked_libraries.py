"""The server links only FoundationEssentials (issue 15's memory): the whole of Foundation,
its internationalisation library and ICU's data cost about 10 MB of resident memory in
every process that loads them (docs/BENCHMARKS.md). Read from the program's own ELF
dynamic section, as the loader reads it."""
import re
import subprocess

from conftest import BIN


def test_the_server_needs_foundation_essentials_and_not_the_rest_of_foundation():
    dynamic = subprocess.run(["readelf", "--dynamic", BIN], capture_output=True, text=True, check=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
    assert needed, dynamic
    assert "libFoundationEssentials.so" in needed, needed
    heavy = {"libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so",
             "libFoundationNetworking.so", "libFoundationXML.so"}
    assert not heavy.intersection(needed), f"{BIN} needs {sorted(heavy.intersection(needed))}"
