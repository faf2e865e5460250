/* tty.c: prints isatty() of descriptors 0, 1 and 2. Natively under a pseudo-terminal (script(1))
 * these are 1; under vbench without --tty they must be 0. */
#include <stdio.h>
#include <unistd.h>
int main(void) {
    int in = isatty(0), out = isatty(1), err = isatty(2);
    printf("isatty0=%d isatty1=%d isatty2=%d\n", in, out, err);
    return 0;
}
