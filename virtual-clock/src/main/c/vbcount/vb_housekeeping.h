/* vbcount: Valgrind's own housekeeping without supervisor stops (vb_housekeeping.c). */
#ifndef VB_HOUSEKEEPING_H
#define VB_HOUSEKEEPING_H

/* Whether the supervisor says no other guest thread could run now (vb_main.c: the block's `alone`). */
Bool vb_alone(void);

#endif
