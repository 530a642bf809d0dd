"""`convene serve` works from any folder (issue 14, item 14): it finds its pages and the
model beside the installed program (`make install`), or in the checkout it was built in,
and refuses to start — saying where it looked — when it finds no pages."""
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

from conftest import BIN, ROOT, free_port


def serve_from(folder, binary, data):
    """Starts `binary serve` with `folder` as its working folder and no --static-dir or
    --model-dir; returns the process, its port and what it printed up to 'serving'."""
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--port", str(port), "--bind", "127.0.0.1", "--data", data],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ""
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        output += line
        if "Convene is serving" in line:
            return proc, port, output
    proc.kill()
    proc.wait()
    return None, port, output + (proc.stdout.read() if proc.stdout else "")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_an_installed_convene_serves_its_pages_and_groups_by_meaning_from_any_folder(data_dir):
    prefix = tempfile.mkdtemp(prefix="convene-prefix-")
    try:
        subprocess.run(["make", "-s", "install", f"PREFIX={prefix}", "CONFIG=debug"], cwd=ROOT, check=True,
                       capture_output=True, text=True)
        elsewhere = tempfile.mkdtemp(prefix="convene-cwd-")
        proc, port, output = serve_from(elsewhere, os.path.join(prefix, "bin", "convene"), os.path.join(data_dir, "d1"))
        assert proc, output
        try:
            assert f"Semantic grouping is on (all-MiniLM-L6-v2 from {prefix}/share/convene/models/all-MiniLM-L6-v2)" in output, output
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/phone.html", timeout=5).read().decode()
            assert "<html" in page.lower()
        finally:
            stop(proc)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def test_a_convene_built_in_a_checkout_finds_the_checkouts_pages_from_any_folder(data_dir):
    proc, port, output = serve_from("/", BIN, os.path.join(data_dir, "d2"))
    assert proc, output
    try:
        assert "Semantic grouping is on" in output, output
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/console.html", timeout=5).status == 200
    finally:
        stop(proc)


def test_without_pages_it_refuses_to_start_and_says_where_it_looked(data_dir):
    lonely = tempfile.mkdtemp(prefix="convene-lonely-")
    binary = os.path.join(lonely, "convene")
    shutil.copy(BIN, binary)
    proc, port, output = serve_from(lonely, binary, os.path.join(data_dir, "d3"))
    assert proc is None, "it must not serve without its pages"
    assert "Cannot find Convene's pages" in output and lonely in output, output
    assert "--static-dir" in output
    shutil.rmtree(lonely, ignore_errors=True)
