"""The HTML report: one self-contained file, opened by a real browser (headless Chromium) as a coordinator
would: every chart drawn with a size, no network request, no error logged, and printed to PDF on A4 and
Letter with no section longer than a page and nothing wider than the paper. Without Chromium (a machine
that is not CI), the browser's tests are skipped, saying why."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mentorlog.exchange.html_report import export as html_export
from tests.conftest import Run

BROWSER = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium here (CI installs Debian's chromium)")

# Measures the page once it has loaded: each chart's box, what was fetched, any script error.
PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg')].map(s => {
    const r = s.getBoundingClientRect(); return [s.querySelector('title').textContent, r.width, r.height]; });
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right >
    document.documentElement.clientWidth + 0.5).map(e => e.tagName);
  const out = document.createElement('pre'); out.id = 'probe';
  out.textContent = JSON.stringify({charts, wide, fetched: performance.getEntriesByType('resource').length,
    errors: window.__errors, sections: document.querySelectorAll('section').length});
  document.body.appendChild(out);
});
</script>"""


def _browser(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--enable-logging=stderr", "--v=0",
             f"--user-data-dir={cwd / 'profile'}"]  # fmt: skip
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture
def report(run_with_pair: Run, tmp_path: Path) -> Path:
    run = run_with_pair
    out = tmp_path / "demo.db"
    assert run("demo", "--no-tui", "--db", str(out)).code == 0
    assert run("--db", str(out), "log", "session", "3*4 and 5*6 <b>not bold</b> &amp; a_b_c", "--duration", "30",
               "--start", "8am", "--private").code == 0  # fmt: skip
    assert run("config", "set", "hours_per_week", "1").code == 0
    path = tmp_path / "report.html"
    result = run("--db", str(out), "export", "--format", "html", "--out", str(path))
    assert result.code == 0, result.err
    return path


def test_the_report_is_one_file_with_nothing_to_fetch_and_no_script(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<link" not in text.lower() and "@import" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text), "nothing fetched from anywhere"
    assert set(re.findall(r"https?://[^\s\"'<>]+", text)) == {"http://www.w3.org/2000/svg"}
    for section in ("Overview", "Contact time", "Goals", "Competency growth", "Confidence", "Sessions",
                    "Open action items"):  # fmt: skip
        assert f"<h2>{section}</h2>" in text
    assert "behind by" in text or "on track" in text
    assert "not bold" not in text, "a private session is not in a report unless asked for"


def test_a_title_reads_as_typed_never_as_markup(run_with_pair: Run, tmp_path: Path) -> None:
    run = run_with_pair
    typed = "3*4 and 5*6 <b>x</b> &amp; a_b_c `x`"
    assert run("goal", "add", typed, "--status", "active").code == 0
    path = tmp_path / "r.html"
    assert run("export", "--format", "html", "--out", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    assert f"<h3>{html.escape(typed)}</h3>" in text and "<b>x</b>" not in text


@needs_browser
def test_a_browser_draws_every_chart_fetches_nothing_and_logs_no_error(report: Path, tmp_path: Path) -> None:
    plain = _browser("--dump-dom", report.as_uri(), cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert "Mentoring report" in plain.stdout
    logged = [line for line in plain.stderr.splitlines() if "CONSOLE" in line or "Refused" in line]
    assert not logged, logged
    # The same page with a probe (the report's policy forbids scripts, so the probe's copy drops it).
    probed = tmp_path / "probed.html"
    text = report.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    probed.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    for width in (680, 1200):  # A4's printable width at 15 mm margins, and a desktop window
        found = _browser("--dump-dom", f"--window-size={width},1200", probed.as_uri(), cwd=tmp_path)
        match = re.search(r'<pre id="probe">(.*?)</pre>', found.stdout, re.S)
        assert match, found.stderr[-2000:]
        probe = json.loads(html.unescape(match.group(1)))
        assert probe["charts"] and all(w > 0 and h > 0 for _, w, h in probe["charts"]), probe["charts"]
        assert probe["fetched"] == 0 and probe["errors"] == []
        assert probe["wide"] == [], f"wider than the page at {width}px: {probe['wide']}"


@needs_browser
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_it_prints_a_page_a_section_at_most(report: Path, tmp_path: Path, paper: str) -> None:
    text = report.read_text(encoding="utf-8").replace("@page {", f"@page {{ size: {paper}; ")
    sized = tmp_path / f"{paper}.html"
    sized.write_text(text, encoding="utf-8")
    sections = text.count("<section")
    pdf = tmp_path / f"{paper}.pdf"
    printed = _browser(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", sized.as_uri(), cwd=tmp_path)
    assert pdf.exists(), printed.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= sections, f"{pages} pages for {sections} sections on {paper}"


def test_bad_destinations_write_nothing(run_with_pair: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    before = journal.read_bytes()
    over = run_with_pair("export", "--format", "html", "--out", str(journal))
    assert over.code == 1 and journal.read_bytes() == before and over.err.count("\n") == 1
    folder = run_with_pair("export", "--format", "html", "--out", str(tmp_path))
    assert folder.code == 1 and "directory" in folder.err


def test_the_exporter_is_the_registrys() -> None:
    from mentorlog.exchange import exporter, get_format

    assert exporter(get_format("html")) is html_export


def test_a_closed_pair_ends_with_its_closing_summary(run_with_pair: Run, tmp_path: Path) -> None:
    run = run_with_pair
    assert run("log", "session", "Last one.", "--on", "2026-10-01", "--duration", "45").code == 0
    closed = run("pair", "close", "--on", "2026-11-01", "--reason", "completed", "--note", "We met every goal.")
    assert closed.code == 0, closed.err
    path = tmp_path / "closed.html"
    assert run("export", "--format", "html", "--out", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    assert "<h2>Closing summary</h2>" in text and "Closed on 2026-11-01" in text and "We met every goal." in text
    assert text.index("<h2>Closing summary</h2>") > text.index("<h2>Open action items</h2>")
