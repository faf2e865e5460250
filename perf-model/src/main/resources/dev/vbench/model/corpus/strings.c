/* String processing with libc: format a record, measure it, search it, split it into fields,
 * upper-case a copy and compare. SIZE: number of records. */
#include <ctype.h>
#include <string.h>
#include "corpus_util.h"

int main(int argc, char **argv) {
    long n = corpus_size(argc, argv);
    char line[256], copy[256];
    uint64_t sum = 0;
    for (long i = 0; i < n; i++) {
        int len = snprintf(line, sizeof line, "id=%ld;name=user%ld;city=city%ld;score=%ld;tag=alpha-beta-gamma",
                           i, i * 7, i % 97, (i * 31) % 1000);
        sum += (uint64_t) strlen(line) + (uint64_t) len;
        if (strstr(line, "city1") != NULL) {
            sum += 3;
        }
        memcpy(copy, line, (size_t) len + 1);
        char *save = NULL;
        for (char *field = strtok_r(copy, ";", &save); field != NULL; field = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(field, '=');
            sum += eq != NULL ? (uint64_t) (eq - field) : 0;
        }
        for (int k = 0; k < len; k++) {
            copy[k] = (char) toupper((unsigned char) line[k]);
        }
        copy[len] = '\0';
        sum += (uint64_t) (strcmp(line, copy) > 0);
    }
    corpus_result("strings", sum);
    return 0;
}
