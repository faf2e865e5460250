/* vbcount: a static throughput estimate per superblock (vb_slots.c). */
#ifndef VB_SLOTS_H
#define VB_SLOTS_H

#include "pub_tool_basics.h"
#include "libvex_ir.h"

/* Around the translation of one superblock: at its start, for every statement in order, and
   before each exit and at its end to take what the statements since the previous take added to
   the issue slots' excess over the instructions (possibly negative, as a wrapped ULong). */
void  vb_slots_sb_start(void);
void  vb_slots_stmt(IRStmt* st);
ULong vb_slots_take(void);

#endif
