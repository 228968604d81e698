/* The CSR area is split by concern: who may access (csr.c), fields (csr_fields.c), aliases. */
#ifndef SUITE_AREAS_CSR_AREA_H
#define SUITE_AREAS_CSR_AREA_H

void csr_fields_checks(void);
void csr_alias_checks(void);

#endif
