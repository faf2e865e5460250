/*--------------------------------------------------------------------*/
/*--- vbcount: regions and the start of main.        vb_regions.c ---*/
/*--------------------------------------------------------------------*/

/*
   Regions.  A guest marks the work it wants measured on its own with
   vbench.h: vbench_region_begin("name") ... vbench_region_end().  Under
   Valgrind those are client requests (VBENCH_REQ_REGION_BEGIN/END, tool
   base 'V','B'), answered here with VBENCH_ACK.  A request ends its
   superblock and the scheduler drains the counting words before it
   handles the request (stop_client_code), so the running thread's
   counts are exact at both markers: a region's counts are the thread's
   counts at its end minus those at its begin.  Each thread keeps a
   stack of open regions; only the outermost of a name counts, so a
   recursive region is not counted twice.  Totals by name go to the
   block's version-5 part (struct vbcount_regions), which the supervisor
   reads when the process image ends.

   Start-up.  The first time main's first instruction runs, the global
   instruction count before it is stored in main_insns: what the dynamic
   loader and the C library's initialisation cost.  main is recognised
   at translation time by its symbol (VG_(get_fnname_if_entry)); only
   superblocks translated before main first runs are looked up, and the
   one at main's entry gets a helper call.  An image without a symbol
   named main (stripped, or a JIT) never sets main_reached.

   A forked child starts with empty totals (the parent keeps its own)
   and with its open regions restarting at the fork; an exec'd image
   starts a fresh tool.
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_machine.h"
#include "pub_tool_debuginfo.h"
#include "pub_tool_aspacemgr.h"
#include "pub_tool_vki.h"
#include "pub_tool_clreq.h"
#include "vb_tool.h"

#define VB_REQ_REGION_BEGIN 0x56420000UL
#define VB_REQ_REGION_END   0x56420001UL
#define VB_ACK              0x5642UL
#define VB_REGION_DEPTH     32

/* An open region of one thread: its slot and the thread's counts at
   its begin (instructions, conditional, indirect, system calls). */
struct vb_open {
   Int   slot;
   ULong at_begin[4];
};

struct vb_thread_regions {
   Int            depth;            /* open regions, innermost last      */
   Int            beyond;           /* begins past VB_REGION_DEPTH       */
   struct vb_open open[VB_REGION_DEPTH];
   ULong          syscalls;         /* the thread's guest system calls   */
};

static struct vb_thread_regions* vb_threads;   /* [VG_N_THREADS] */
static Bool vb_main_looked_for_done;          /* main ran: stop looking */

void vb_regions_post_clo_init(void)
{
   struct vbcount_regions* r = vb_regions_part();
   r->slots = VBCOUNT_MAX_REGIONS;
   vb_threads = VG_(calloc)("vbcount.regions", VG_N_THREADS, sizeof(*vb_threads));
}

static void vb_now(ThreadId tid, ULong out[4])
{
   vb_thread_counts(tid, out);
   out[3] = vb_threads[tid].syscalls;
}

void vb_regions_pre_syscall(ThreadId tid)
{
   if (tid < VG_N_THREADS) vb_threads[tid].syscalls++;
}

/* Copies the client's NUL-terminated name, cut to fit; only readable
   client bytes are read. */
static void vb_copy_name(Addr from, HChar* to)
{
   Int n = 0;
   Addr page = 0;
   for (; n < VBCOUNT_REGION_NAME_LEN - 1; n++) {
      Addr a = from + n;
      if ((a & ~(Addr)0xFFF) != page) {
         page = a & ~(Addr)0xFFF;
         if (!VG_(am_is_valid_for_client)(a, 1, VKI_PROT_READ)) break;
      }
      HChar c = *(const HChar*)a;
      if (c == 0) break;
      to[n] = c;
   }
   to[n] = 0;
   if (n == 0) {
      VG_(strcpy)(to, "(unnamed)");
   }
}

static Int vb_slot(const HChar* name)
{
   struct vbcount_regions* r = vb_regions_part();
   Int i;
   for (i = 0; i < VBCOUNT_MAX_REGIONS; i++) {
      if (r->region[i].name[0] == 0) {
         VG_(strcpy)(r->region[i].name, name);
         return i;
      }
      if (VG_(strcmp)(r->region[i].name, name) == 0) return i;
   }
   return -1;
}

static void vb_close(ThreadId tid, struct vb_open* o, const ULong now[4])
{
   struct vbcount_region* g = &vb_regions_part()->region[o->slot];
   Int k;
   struct vb_thread_regions* t = &vb_threads[tid];
   /* Only the outermost open region of a name counts. */
   for (k = 0; k < t->depth; k++) {
      if (&t->open[k] != o && t->open[k].slot == o->slot && &t->open[k] < o) return;
   }
   g->entries++;
   g->insns    += now[0] - o->at_begin[0];
   g->cond     += now[1] - o->at_begin[1];
   g->ind      += now[2] - o->at_begin[2];
   g->syscalls += now[3] - o->at_begin[3];
}

static void vb_begin(ThreadId tid, Addr name_addr)
{
   struct vb_thread_regions* t = &vb_threads[tid];
   HChar name[VBCOUNT_REGION_NAME_LEN];
   if (t->depth == VB_REGION_DEPTH) {
      t->beyond++;
      vb_regions_part()->dropped++;
      return;
   }
   vb_copy_name(name_addr, name);
   Int slot = vb_slot(name);
   if (slot < 0) {
      /* A 65th name: kept on the stack so that its end matches, counted nowhere. */
      vb_regions_part()->dropped++;
   }
   struct vb_open* o = &t->open[t->depth++];
   o->slot = slot;
   vb_now(tid, o->at_begin);
}

static void vb_end(ThreadId tid)
{
   struct vb_thread_regions* t = &vb_threads[tid];
   ULong now[4];
   if (t->beyond > 0) {
      t->beyond--;
      return;
   }
   if (t->depth == 0) {
      vb_regions_part()->unbalanced++;
      return;
   }
   vb_now(tid, now);
   struct vb_open* o = &t->open[t->depth - 1];
   if (o->slot >= 0) vb_close(tid, o, now);
   t->depth--;
}

Bool vb_regions_client_request(ThreadId tid, UWord* args, UWord* ret)
{
   if (!VG_IS_TOOL_USERREQ('V', 'B', args[0])) return False;
   if (tid >= VG_N_THREADS) return False;
   switch (args[0]) {
      case VB_REQ_REGION_BEGIN: vb_begin(tid, (Addr)args[1]); break;
      case VB_REQ_REGION_END:   vb_end(tid);                  break;
      default: return False;
   }
   *ret = VB_ACK;
   return True;
}

/* Regions still open when the process ends are closed there (their
   threads' counts are final) and counted as unbalanced. */
void vb_regions_fini(void)
{
   ThreadId tid;
   for (tid = 1; tid < VG_N_THREADS; tid++) {
      struct vb_thread_regions* t = &vb_threads[tid];
      ULong now[4];
      if (t->depth == 0) continue;
      vb_now(tid, now);
      while (t->depth > 0) {
         struct vb_open* o = &t->open[t->depth - 1];
         if (o->slot >= 0) vb_close(tid, o, now);
         t->depth--;
         vb_regions_part()->unbalanced++;
      }
   }
}

void vb_regions_forked_child(void)
{
   struct vbcount_regions* r = vb_regions_part();
   ThreadId tid;
   Int i;
   for (i = 0; i < VBCOUNT_MAX_REGIONS; i++) {
      r->region[i].entries = r->region[i].insns = r->region[i].cond = 0;
      r->region[i].ind = r->region[i].syscalls = 0;
   }
   r->dropped = r->unbalanced = 0;
   r->main_insns = 0;   /* the parent counted its start-up; main_reached stays */
   /* The child's one thread goes on in the regions its parent's thread
      had open: from the fork on, and in the child's own totals. */
   for (tid = 1; tid < VG_N_THREADS; tid++) {
      struct vb_thread_regions* t = &vb_threads[tid];
      Int k;
      for (k = 0; k < t->depth; k++) {
         vb_now(tid, t->open[k].at_begin);
      }
   }
}

/*------------------------------------------------------------*/
/*--- main's first instruction                             ---*/
/*------------------------------------------------------------*/

static void vb_main_entered(void)
{
   struct vbcount_regions* r = vb_regions_part();
   ULong g[4];
   if (r->main_reached) return;
   /* Everything executed before main's first instruction: the block
      once this thread's counting words are drained into it. */
   vb_drain_thread(VG_(get_running_tid)());
   vb_global_counts(g);
   r->main_insns = g[0];
   r->main_reached = 1;
   vb_main_looked_for_done = True;
}

void vb_regions_sb_start(IRSB* sbOut, Addr addr)
{
   const HChar* name;
   if (vb_main_looked_for_done) return;
   if (!VG_(get_fnname_if_entry)(VG_(current_DiEpoch)(), addr, &name)) return;
   if (VG_(strcmp)(name, "main") != 0) return;
   IRDirty* d = unsafeIRDirty_0_N(0, "vb_main_entered", (void*)&vb_main_entered, mkIRExprVec_0());
   vb_declare_drain_fx(d);
   addStmtToIRSB(sbOut, IRStmt_Dirty(d));
}
