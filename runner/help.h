#ifndef HEXT_RUNNER_HELP_H
#define HEXT_RUNNER_HELP_H

#include <stdio.h>

void help_print(FILE *out);

#endif
