/* The suite's main: detect the profile, run every area, print the totals and the verdict. */
#include "areas.h"
#include "internal.h"

const struct platform *suite_platform;

void suite_finish(const char *crash_reason)
{
    if (!crash_reason)
        report_rules_check();
    struct totals t = report_totals();
    bool pass = !crash_reason && t.failed == 0;

    pr("%u passed, %u failed, %u skipped\n", t.passed, t.failed, t.skipped);
    pr("instret %lu\n", csr_read(CSR_MINSTRET));
    if (crash_reason)
        pr("hext-verdict: FAIL suite crashed: %s\n", crash_reason);
    else
        pr("hext-verdict: %s %u passed, %u failed, %u skipped\n", pass ? "PASS" : "FAIL", t.passed,
           t.failed, t.skipped);
    suite_platform->exit(pass ? 0 : 1);
}

void suite_main(void)
{
    suite_platform = platform_detect();
    pr("hext suite on %s\n", suite_platform->name);
    profile_detect();
    profile_print();
    /* A hart without H has nothing for the suite to check; say so as a failure, not a pass. */
    rules("misa_h_op");
    if (!profile.h)
        report_fail("misa.H set", "expected the H extension; got misa=0x%lx", profile.misa);
    for (unsigned i = 0; i < suite_area_count; i++) {
        const struct area *a = &suite_areas[i];

        current_area = a->name;
        rules_reset();
        if (a->needs_h && !profile.h) {
            report_skip("all", "misa.H is clear");
            continue;
        }
        hart_reset();
        a->run();
    }
    suite_finish(NULL);
}
