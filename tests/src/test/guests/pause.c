/* pause.c MARKER: blocks in pause() forever (MARKER only tags its command line). */
#include <unistd.h>
int main(void) { for (;;) pause(); }
