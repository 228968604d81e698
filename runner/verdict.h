/* Recognising the verdict line `hext-verdict: PASS|FAIL <details>` in console output. */
#ifndef HEXT_RUNNER_VERDICT_H
#define HEXT_RUNNER_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#define VERDICT_LINE_MAX 4096

struct verdict {
    bool seen;
    bool pass;
    bool has_clock;
    char clock[32];    /* the guest's own `clock <seconds> s` number, as it printed it */
    char details[256]; /* text after PASS/FAIL, trimmed */
};

/* Fills *out and returns true when the line (without its newline) holds a verdict. */
bool verdict_parse_line(const char *line, size_t len, struct verdict *out);

/* Splits a byte stream into lines and keeps the last verdict seen. */
struct verdict_scanner {
    char line[VERDICT_LINE_MAX];
    size_t len;
    struct verdict last;
    const char *from; /* only lines starting with this count; NULL: every line */
};

/* `from` is the manifest's verdict_from: under the hext hypervisor "[hext]", so that a guest's
 * own verdict line ("[guestN] hext-verdict: ...") neither ends the run while other guests
 * still run nor stands in for the hypervisor's verdict if the hypervisor never gives one. */
void verdict_scanner_init(struct verdict_scanner *s, const char *from);
/* Returns true when this chunk completed at least one verdict line that counts. */
bool verdict_scanner_feed(struct verdict_scanner *s, const char *buf, size_t n);
/* End of stream: a final line without a newline still counts. */
void verdict_scanner_finish(struct verdict_scanner *s);

#endif
