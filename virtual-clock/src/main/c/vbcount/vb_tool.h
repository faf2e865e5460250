/*--------------------------------------------------------------------*/
/*--- vbcount: what its parts share.                    vb_tool.h ---*/
/*--------------------------------------------------------------------*/

/*
   vb_main.c owns the counter block and the counting instrumentation;
   vb_regions.c the regions (client requests) and the start-up mark
   (the first entry of main); vb_attr.c the optional per-function
   attribution (--vbcount-attr).  They meet through these functions.
*/

#ifndef VB_TOOL_H
#define VB_TOOL_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"

/*------------------------------------------------------------*/
/*--- Version 6 of the block: start-up and regions         ---*/
/*------------------------------------------------------------*/

#define VBCOUNT_MAX_REGIONS     64
#define VBCOUNT_REGION_NAME_LEN 64

/* One region name's totals over this process image, summed over its
   threads: only a thread's outermost open region of a name counts. */
struct vbcount_region {
   HChar name[VBCOUNT_REGION_NAME_LEN];  /* NUL-terminated; "" = free   */
   ULong entries;    /* outermost begins                                 */
   ULong insns;      /* instructions between begin and end              */
   ULong cond;       /* conditional branches                            */
   ULong ind;        /* indirect branches                               */
   ULong syscalls;   /* the guest's system calls                        */
};

struct vbcount_regions {
   ULong main_insns;    /* global instructions before main first ran       */
   ULong main_reached;  /* 1 once main ran in this image                   */
   ULong slots;         /* VBCOUNT_MAX_REGIONS                             */
   ULong dropped;       /* begins of a 65th name: counted nowhere          */
   ULong unbalanced;    /* ends without a begin, and regions open at exit  */
   struct vbcount_region region[VBCOUNT_MAX_REGIONS];
};

/*------------------------------------------------------------*/
/*--- vb_main.c                                            ---*/
/*------------------------------------------------------------*/

/* The block's version-5 part. */
struct vbcount_regions* vb_regions_part(void);

/* Live counts of thread tid (instructions, conditional and indirect
   branches), exact while client code is stopped. */
void vb_thread_counts(ThreadId tid, ULong out[3]);

/* The process's counts: instructions, branches, the guest's calls. */
void vb_global_counts(ULong out[4]);

/* Adds thread tid's undrained counting words to the block. */
void vb_drain_thread(ThreadId tid);

/* Declares that dirty helper d drains the counting words (VEX then
   keeps no copy of them in a register across the call). */
void vb_declare_drain_fx(IRDirty* d);

/* Writes buf (len bytes) to path: atomically (temporary file, rename),
   or appended when append is True. */
Bool vb_write_file(const HChar* option, const HChar* path,
                   const HChar* buf, Int len, Bool append);

/*------------------------------------------------------------*/
/*--- vb_regions.c                                         ---*/
/*------------------------------------------------------------*/

void vb_regions_post_clo_init(void);
Bool vb_regions_client_request(ThreadId tid, UWord* args, UWord* ret);
void vb_regions_pre_syscall(ThreadId tid);
/* Adds a call marking main's entry to sbOut when addr is main's entry. */
void vb_regions_sb_start(IRSB* sbOut, Addr addr);
void vb_regions_forked_child(void);
void vb_regions_fini(void);

/*------------------------------------------------------------*/
/*--- vb_attr.c                                            ---*/
/*------------------------------------------------------------*/

/* --vbcount-attr=PATH given: attribution is on. */
extern Bool vb_attr_on;
Bool vb_attr_option(const HChar* arg);
void vb_attr_post_clo_init(void);
/* Instrumentation: once per superblock (before anything is emitted),
   before each instruction's IMark, before each side exit k (0-based, in
   the superblock), and at its end. */
void vb_attr_sb_start(IRSB* sbIn);
void vb_attr_imark(IRSB* sbOut, IRStmt* imark);
void vb_attr_before_exit(IRSB* sbOut, UInt k);
void vb_attr_sb_end(IRSB* sbOut);
void vb_attr_start_client_code(ThreadId tid);
void vb_attr_stop_client_code(ThreadId tid);
void vb_attr_pre_syscall(ThreadId tid, UInt syscallno);
void vb_attr_thread_created(ThreadId child);
void vb_attr_thread_exited(ThreadId tid);
void vb_attr_forked_child(void);
void vb_attr_fini(Int exitcode);

#endif /* VB_TOOL_H */
