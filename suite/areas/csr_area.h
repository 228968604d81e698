/* The CSR area is split by concern: who may access (csr.c), fields (csr_fields.c), aliases
 * (csr_alias.c), the RV32-only high halves (csr_high.c). */
#ifndef SUITE_AREAS_CSR_AREA_H
#define SUITE_AREAS_CSR_AREA_H

void csr_fields_checks(void);
void csr_alias_checks(void);
void csr_high_checks(void);

#endif
