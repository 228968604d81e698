/* The three writers, checked by reading their output back with independent parsers: Python's
 * json module, xml.dom.minidom, and a Markdown table split by '|' (python3 -c in a shell). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <unistd.h>

#include "matrix_fixture.h"
#include "matrix_reports.h"

/* Writes the fixture, with the hyp cell's detail replaced, and runs a python3 program on the
 * file; the program exits non-zero on a mismatch. */
static void check_written(void (*writer)(FILE *, const struct matrix *), const char *hyp_detail,
                          const char *program)
{
    struct matrix m;
    struct matrix_rows rows;
    char path[] = "/tmp/hext-report-XXXXXX", cmd[4096];
    fixture_build(&m, &rows);
    strcpy(m.cells[1].detail, hyp_detail);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    writer(f, &m);
    fclose(f);
    fixture_free(&m, &rows);
    snprintf(cmd, sizeof(cmd), "python3 -c '%s' %s", program, path);
    int rc = system(cmd);
    unlink(path);
    assert_int_equal(rc, 0);
}

static void json_parses_back(void **state)
{
    (void)state;
    /* Console bytes outside ASCII must still give valid JSON. */
    check_written(
            report_json_write, "FAIL \xff\x01 \"quoted\"",
            "import json,sys\n"
            "d = json.load(open(sys.argv[1]))\n"
            "c = d[\"cells\"]\n"
            "assert d[\"format\"] == \"hext-matrix-1\" and len(c) == 3\n"
            "s = c[0]\n"
            "assert s[\"target\"] == \"suite\" and s[\"emulator\"] == \"qemu\"\n"
            "assert s[\"verdict\"] == \"KNOWN-FAILURES\" and s[\"summary\"] == \"PASS (1 known)\"\n"
            "assert s[\"command\"].endswith(\"\\\"suite <&> .elf\\\"\")\n"
            "assert s[\"emulator_version\"] == \"7.2\" and s[\"instructions\"] is None\n"
            "assert [k[\"result\"] for k in s[\"checks\"]] == [\"ok\", \"not ok\", \"skip\"]\n"
            "assert s[\"checks\"][1][\"known\"] and s[\"checks\"][1][\"rule\"] == "
            "\"[H_virtinst_vu]\"\n"
            "assert s[\"checks\"][1][\"detail\"] == \"expected cause=22; got cause=2\"\n"
            "h = c[1]\n"
            "assert h[\"config\"] == \"hext.gstage=sv48x4\" and h[\"instructions\"] == 56200000\n"
            "assert h[\"guest_clock_s\"] == 0.0562 and h[\"wall_s\"] == 0.82\n"
            "assert h[\"detail\"] == \"FAIL \\u00ff\\u0001 \\\"quoted\\\"\"\n"
            "assert c[2][\"verdict\"] == \"SKIP\" and c[2][\"checks\"] == []\n");
}

static void junit_parses_back(void **state)
{
    (void)state;
    check_written(
            report_junit_write, "FAIL \x01 <tag> & \xe9",
            "import sys, xml.dom.minidom as X\n"
            "d = X.parse(sys.argv[1]).documentElement\n"
            "assert d.tagName == \"testsuites\"\n"
            "assert d.getAttribute(\"tests\") == \"6\" and d.getAttribute(\"failures\") == \"1\"\n"
            "suites = d.getElementsByTagName(\"testsuite\")\n"
            "assert [s.getAttribute(\"name\") for s in suites] == [\"qemu\", \"spike\"]\n"
            "cases = suites[0].getElementsByTagName(\"testcase\")\n"
            "names = [c.getAttribute(\"classname\") + \"/\" + c.getAttribute(\"name\") for c in "
            "cases]\n"
            "assert names == [\"qemu/suite\", \"qemu.suite.csr/hstatus reset\",\n"
            "    \"qemu.suite.csr/satp read from VU\", \"qemu.suite.sstc/vstimecmp\",\n"
            "    \"qemu/hyp hext.gstage=sv48x4\"], names\n"
            "known = cases[2].getElementsByTagName(\"skipped\")[0]\n"
            "assert \"expected cause=22; got cause=2\" in known.getAttribute(\"message\")\n"
            "assert \"[H_virtinst_vu]\" in known.firstChild.data\n"
            "f = cases[4].getElementsByTagName(\"failure\")[0]\n"
            "assert f.getAttribute(\"message\") == \"FAIL (2 failed)\"\n"
            "assert \"<tag> & \\u00e9\" in f.firstChild.data and \"x.log\" in f.firstChild.data\n"
            "sk = suites[1].getElementsByTagName(\"testcase\")[0]\n"
            "assert sk.getElementsByTagName(\"skipped\")\n");
}

static void markdown_table_parses_back(void **state)
{
    (void)state;
    check_written(
            report_markdown_write, "a | b",
            "import sys, re\n"
            "t = [l for l in open(sys.argv[1]) if l.startswith(\"|\")]\n"
            "cells = [[c.strip() for c in re.split(r\"(?<!\\\\)\\|\", l.strip())[1:-1]] for l in "
            "t]\n"
            "assert cells[0] == [\"target\", \"qemu\", \"spike\"], cells[0]\n"
            "assert all(len(r) == 3 for r in cells), cells\n"
            "assert cells[2] == [\"suite\", \"PASS (1 known) 3.1s\", \"SKIP (spike not "
            "installed)\"]\n"
            "assert cells[3] == [\"hyp hext.gstage=sv48x4\", \"FAIL (2 failed) 0.8s 56.2M\", "
            "\"-\"]\n"
            "body = open(sys.argv[1]).read()\n"
            "assert \"- failed: hyp hext.gstage=sv48x4 on qemu\" in body and \"a | b\" in body\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(json_parses_back),
            cmocka_unit_test(junit_parses_back),
            cmocka_unit_test(markdown_table_parses_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
