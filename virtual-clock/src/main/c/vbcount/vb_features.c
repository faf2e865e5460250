/*--------------------------------------------------------------------*/
/*--- vbcount: kernel work and memory footprint.   vb_features.c ---*/
/*--------------------------------------------------------------------*/

/*
   Counts that a calibrated cost model (perf-model) can price besides instructions and branches,
   all exact and identical on every run:

   - bytes read and written: the results of the guest's read- and write-like system calls, as
     Valgrind's syscall wrapper sees them after the call;
   - bytes mapped: the lengths of accessible mmaps, and the growth of mremap and brk;
   - pages touched: 4 KiB pages first written since they were mapped, by a guest store (or CAS,
     or a helper that writes memory) or by the kernel for the guest (a read() into a fresh
     buffer).  A page unmapped (munmap, madvise DONTNEED/FREE/REMOVE, a shrinking brk) and used
     again counts again, as the kernel must zero it again; a forked child counts the pages it
     writes afresh (copy on write).  That is what page faults cost natively, without their
     nondeterminism: the kernel's fault count depends on fault-around, transparent huge pages
     and what the page cache held.

   How a store is checked, inline: the written unit (page, or 64-byte line with
   --vbcount-mem-granule=line) indexes a direct-mapped table of recently written units; on a hit
   nothing more happens.  On a miss (a guarded helper call) the table entry is replaced and the
   page's bit in a two-level bitmap of touched pages is tested and set.  Loads are not checked by
   default: reading an untouched anonymous page maps the shared zero page (no zeroing), and
   checking them costs more (see README.md, "Measured").
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_options.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_vki.h"
#include "vb_features.h"
#include "vb_slots.h"

static struct vbcount_features* vb_feat;

/*------------------------------------------------------------*/
/*--- Options                                              ---*/
/*------------------------------------------------------------*/

/* What memory accesses go through the cache: none, stores, or loads and stores (the default). */
#define VB_MEM_OFF     0
#define VB_MEM_STORES  1
#define VB_MEM_ALL     2
static Int   clo_mem = VB_MEM_ALL;
#define VB_PREDICTOR_BITS 16       /* 2^16 counters; the history may be as long as the index */
static Bool  clo_predict = True;    /* simulate branch prediction (below) */
static Int   clo_history = 14;      /* outcomes of the thread's last branches the predictor uses */

Bool vb_features_option(const HChar* arg)
{
   const HChar* v;
   if (VG_STR_CLO(arg, "--vbcount-mem", v)) {
      if      (VG_(strcmp)(v, "no") == 0)     clo_mem = VB_MEM_OFF;
      else if (VG_(strcmp)(v, "stores") == 0) clo_mem = VB_MEM_STORES;
      else if (VG_(strcmp)(v, "all") == 0)    clo_mem = VB_MEM_ALL;
      else VG_(fmsg_bad_option)(arg, "expected no, stores or all\n");
   } else if VG_BOOL_CLO(arg, "--vbcount-branch-sim", clo_predict) {
   } else if VG_BINT_CLO(arg, "--vbcount-branch-history", clo_history, 0, VB_PREDICTOR_BITS) {
   } else {
      return False;
   }
   return True;
}

void vb_features_usage(void)
{
   VG_(printf)(
"    --vbcount-mem=no|stores|all  accesses through the simulated cache [all]\n"
"    --vbcount-branch-sim=no|yes  simulate branch prediction [yes]\n"
"    --vbcount-branch-history=N   the predictor's history: the last N outcomes\n"
"                                 of the thread's branches (0: none) [14]\n"

   );
}

/*------------------------------------------------------------*/
/*--- Pages touched: a two-level bitmap                    ---*/
/*------------------------------------------------------------*/

/* User addresses are below 2^47: 2^35 pages, in chunks of 2^15 pages (one 4 KiB bitmap each). */
#define VB_PAGE_SHIFT   12
#define VB_MAX_PAGE     (1ULL << 35)
#define VB_CHUNK_BITS   15
#define VB_CHUNK_PAGES  (1ULL << VB_CHUNK_BITS)
#define VB_CHUNK_WORDS  (VB_CHUNK_PAGES / 64)
#define VB_CHUNKS       (VB_MAX_PAGE >> VB_CHUNK_BITS)

/* VB_CHUNKS pointers (8 MiB of .bss: the kernel's zero pages until used), a chunk allocated when
   first touched. */
static ULong* vb_chunks[VB_CHUNKS];
static UInt*   vb_chunks_used;   /* indices of the allocated chunks, for a forked child's reset */
static UInt    vb_chunks_n, vb_chunks_cap;

static ULong* vb_chunk(ULong page, Bool create)
{
   ULong c = page >> VB_CHUNK_BITS;
   ULong* chunk = vb_chunks[c];
   if (chunk == NULL && create) {
      chunk = VG_(calloc)("vbcount.pages", VB_CHUNK_WORDS, sizeof(ULong));
      vb_chunks[c] = chunk;
      if (vb_chunks_n == vb_chunks_cap) {
         vb_chunks_cap = vb_chunks_cap ? 2 * vb_chunks_cap : 64;
         vb_chunks_used = vb_chunks_used == NULL
            ? VG_(malloc)("vbcount.chunks", vb_chunks_cap * sizeof(UInt))
            : VG_(realloc)("vbcount.chunks", vb_chunks_used, vb_chunks_cap * sizeof(UInt));
      }
      vb_chunks_used[vb_chunks_n++] = (UInt)c;
   }
   return chunk;
}

static void vb_touch_page(ULong page)
{
   if (page >= VB_MAX_PAGE) return;
   ULong* chunk = vb_chunk(page, True);
   ULong bit = page & (VB_CHUNK_PAGES - 1);
   ULong mask = 1ULL << (bit & 63);
   if (!(chunk[bit >> 6] & mask)) {
      chunk[bit >> 6] |= mask;
      vb_feat->pages_touched++;
   }
}

static Bool vb_page_touched(ULong page)
{
   if (page >= VB_MAX_PAGE) return False;
   ULong* chunk = vb_chunk(page, False);
   ULong bit = page & (VB_CHUNK_PAGES - 1);
   return chunk != NULL && (chunk[bit >> 6] >> (bit & 63) & 1);
}

/* Pages [first, end) become untouched. */
static void vb_forget_pages(ULong first, ULong end)
{
   if (end > VB_MAX_PAGE) end = VB_MAX_PAGE;
   ULong p = first;
   while (p < end) {
      ULong* chunk = vb_chunk(p, False);
      ULong chunk_end = (p | (VB_CHUNK_PAGES - 1)) + 1;
      ULong stop = end < chunk_end ? end : chunk_end;
      if (chunk == NULL) {
         p = stop;
         continue;
      }
      for (; p < stop; p++) {
         ULong bit = p & (VB_CHUNK_PAGES - 1);
         if ((bit & 63) == 0 && p + 64 <= stop) {
            chunk[bit >> 6] = 0;
            p += 63;
         } else {
            chunk[bit >> 6] &= ~(1ULL << (bit & 63));
         }
      }
   }
}

/*------------------------------------------------------------*/
/*--- The cache: a direct-mapped table of 64-byte lines    ---*/
/*------------------------------------------------------------*/

/* Two levels, both fixed (not the host's sizes) so that the counts are the same on every host, both
   direct-mapped with a line's slot a multiplicative hash of its number (so that arrays a power of
   two apart do not all fall on one slot):
   - the near table, 2^14 lines of 64 bytes (1 MiB, a core's private L2, roughly), checked inline
     at every access; each entry is (line << 1) | written, 0 when empty (line 0 is never accessed);
   - the far table, 2^19 lines (32 MiB, a last-level cache), checked by the helper when the near
     one misses; each entry is the line, 0 when empty.
   A near miss that the far table holds is a cache_mid_miss (it waits for the last-level cache);
   one it does not hold is streamed or a cache_miss (below: it waits for memory). */
#define VB_LINE_SHIFT   6
#define VB_TABLE_BITS   14
#define VB_FAR_BITS     19
#define VB_HASH         0x9E3779B97F4A7C15ULL
static ULong* vb_table;
static const ULong vb_table_mask = (1ULL << VB_TABLE_BITS) - 1;
static ULong* vb_far;
static const ULong vb_far_mask = (1ULL << VB_FAR_BITS) - 1;

static ULong* vb_slot(ULong line)
{
   return &vb_table[(line * VB_HASH) >> (64 - VB_TABLE_BITS)];
}

static ULong* vb_far_slot(ULong line)
{
   return &vb_far[(line * VB_HASH) >> (64 - VB_FAR_BITS)];
}

/* A hardware prefetcher follows a few sequential streams: a miss of line u right after a miss of
   line u - 1 or u + 1 continues a stream, and the prefetcher would have fetched it (it costs
   bandwidth, not a wait); any other miss waits for memory.  The streams are the last 16 lines
   that missed, one per stream, the oldest replaced by a miss that starts a new one. */
#define VB_STREAMS 16
static ULong vb_stream[VB_STREAMS];
static UInt  vb_stream_next;

static void vb_count_miss(ULong u)
{
   UInt i;
   for (i = 0; i < VB_STREAMS; i++) {
      if (vb_stream[i] + 1 == u || vb_stream[i] == u + 1) {
         vb_stream[i] = u;
         vb_feat->cache_lines_streamed++;
         return;
      }
   }
   vb_stream[vb_stream_next] = u;
   vb_stream_next = (vb_stream_next + 1) % VB_STREAMS;
   vb_feat->cache_misses++;
}

static void vb_forget_in(ULong* table, ULong mask, Int bits, Int shift, ULong first, ULong end)
{
   if (end - first > mask) {
      ULong i;
      for (i = 0; i <= mask; i++) {
         ULong u = table[i] >> shift;
         if (u >= first && u < end) table[i] = 0;
      }
   } else {
      ULong u;
      for (u = first; u < end; u++) {
         ULong* e = &table[(u * VB_HASH) >> (64 - bits)];
         if ((*e >> shift) == u) *e = 0;
      }
   }
}

static void vb_table_forget(Addr a, SizeT len)
{
   if (vb_table == NULL || len == 0) return;
   ULong first = a >> VB_LINE_SHIFT;
   ULong end = (a + len + (1ULL << VB_LINE_SHIFT) - 1) >> VB_LINE_SHIFT;
   vb_forget_in(vb_table, vb_table_mask, VB_TABLE_BITS, 1, first, end);
   vb_forget_in(vb_far, vb_far_mask, VB_FAR_BITS, 0, first, end);
}

/* Line u missed the near table: it comes from the far one, or from memory. */
static void vb_near_miss(ULong u)
{
   ULong* f = vb_far_slot(u);
   if (*f == u) {
      vb_feat->cache_mid_misses++;
   } else {
      *f = u;
      vb_count_miss(u);
   }
}

/* The slow path of a load: line u is not in the cache. */
static VG_REGPARM(1) void vb_load_miss(ULong u)
{
   vb_near_miss(u);
   *vb_slot(u) = u << 1;
}

/* The slow path of a store: line u is not in the cache, or not yet written since it came in. */
static VG_REGPARM(1) void vb_store_miss(ULong u)
{
   ULong* e = vb_slot(u);
   if ((*e >> 1) != u) vb_near_miss(u);
   *e = u << 1 | 1;
   vb_touch_page(u >> (VB_PAGE_SHIFT - VB_LINE_SHIFT));
}

static IRTemp vb_tmp(IRSB* sb, IRType ty, IRExpr* e)
{
   IRTemp t = newIRTemp(sb->tyenv, ty);
   addStmtToIRSB(sb, IRStmt_WrTmp(t, e));
   return t;
}

static IRExpr* vb_u64(ULong n) { return IRExpr_Const(IRConst_U64(n)); }
static IRExpr* vb_u8(UChar n)  { return IRExpr_Const(IRConst_U8(n)); }
static IRExpr* vb_rd(IRTemp t) { return IRExpr_RdTmp(t); }

/* Appends the cache check of an access at addr:
     u = addr >> 6; slot = table + ((u * HASH) >> (64 - bits)) * 8; e = *slot;
     load:  if ((e >> 1) != u)        vb_load_miss(u)
     store: if (e != (u << 1 | 1))    vb_store_miss(u)                                         */
static void vb_check(IRSB* sb, IRExpr* addr, Bool store)
{
   if (typeOfIRExpr(sb->tyenv, addr) != Ity_I64) return;
   IRTemp u    = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Shr64, addr, vb_u8(VB_LINE_SHIFT)));
   IRTemp hash = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Mul64, vb_rd(u), vb_u64(VB_HASH)));
   IRTemp idx  = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Shr64, vb_rd(hash), vb_u8(64 - VB_TABLE_BITS)));
   IRTemp off  = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Shl64, vb_rd(idx), vb_u8(3)));
   IRTemp slot = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Add64, vb_rd(off), vb_u64((ULong)(HWord)vb_table)));
   IRTemp e    = vb_tmp(sb, Ity_I64, IRExpr_Load(Iend_LE, Ity_I64, vb_rd(slot)));
   IRTemp miss;
   if (store) {
      IRTemp w = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Shl64, vb_rd(u), vb_u8(1)));
      IRTemp wd = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Or64, vb_rd(w), vb_u64(1)));
      miss = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpNE64, vb_rd(e), vb_rd(wd)));
   } else {
      IRTemp line = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Shr64, vb_rd(e), vb_u8(1)));
      miss = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpNE64, vb_rd(line), vb_rd(u)));
   }
   IRDirty* d = store
      ? unsafeIRDirty_0_N(1, "vb_store_miss", VG_(fnptr_to_fnentry)(&vb_store_miss), mkIRExprVec_1(vb_rd(u)))
      : unsafeIRDirty_0_N(1, "vb_load_miss", VG_(fnptr_to_fnentry)(&vb_load_miss), mkIRExprVec_1(vb_rd(u)));
   d->guard = vb_rd(miss);
   d->mFx   = Ifx_Modify;       /* the table slot: no later load of it may be reused across the call */
   d->mAddr = vb_rd(slot);
   d->mSize = 8;
   addStmtToIRSB(sb, IRStmt_Dirty(d));
}

/*------------------------------------------------------------*/
/*--- Branch prediction: gshare                            ---*/
/*------------------------------------------------------------*/

/* 2^16 saturating 2-bit counters (one byte each), predicted taken at 2 or 3.  The counter of a
   branch is chosen by a hash of its address and its exit's position in the superblock, XORed
   with the outcomes of the running thread's last clo_history conditional branches (gshare,
   McFarling 1993).  The history is what lets a predictor learn a branch that follows a pattern
   (a loop's exit after a few iterations, every third element): with one counter per branch
   (--vbcount-branch-history=0) the corpus's string and word-count kinds showed 7% of their
   branches mispredicted while they ran 15 instructions a nanosecond natively; with 14 bits of
   history, 2%.
   The history lives in the thread's shadow state (vb_history_get), so threads do not disturb
   each other's, and the counts depend only on the order of each thread's own branches and on
   which counters the threads share. */
static UChar vb_predictor[1 << VB_PREDICTOR_BITS];

/* Appends  n += v  for a global 64-bit counter in memory (vb_features.h). */
void vb_add_global(IRSB* sb, ULong* counter, IRExpr* v)
{
   IRExpr* at = vb_u64((ULong)(HWord)counter);
   IRTemp old = vb_tmp(sb, Ity_I64, IRExpr_Load(Iend_LE, Ity_I64, at));
   IRTemp neu = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Add64, vb_rd(old), v));
   addStmtToIRSB(sb, IRStmt_Store(Iend_LE, vb_u64((ULong)(HWord)counter), vb_rd(neu)));
}

/* Appends the prediction of a conditional exit taken when guard holds:
     i = hash(site) ^ history; c = counter[i]; miss += (c >= 2) != taken;
     counter[i] = taken ? min(c + 1, 3) : max(c - 1, 0); history = (history << 1 | taken) & mask  */
static void vb_predict(IRSB* sb, IRExpr* guard, Addr site, UInt exit_index)
{
   const UInt table_mask = (1u << VB_PREDICTOR_BITS) - 1, history_mask = (1u << clo_history) - 1;
   ULong h = ((ULong)site * 0x9E3779B97F4A7C15ULL) ^ ((ULong)(exit_index + 1) * 0xC2B2AE3D27D4EB4FULL);
   UInt site_index = (UInt)(h >> 40) & table_mask;
   IRTemp hist  = vb_tmp(sb, Ity_I32, vb_history_get());
   IRTemp index = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_Xor32, vb_rd(hist), IRExpr_Const(IRConst_U32(site_index))));
   IRTemp off   = vb_tmp(sb, Ity_I64, IRExpr_Unop(Iop_32Uto64, vb_rd(index)));
   IRTemp at    = vb_tmp(sb, Ity_I64, IRExpr_Binop(Iop_Add64, vb_u64((ULong)(HWord)vb_predictor), vb_rd(off)));
   IRTemp c8    = vb_tmp(sb, Ity_I8, IRExpr_Load(Iend_LE, Ity_I8, vb_rd(at)));
   IRTemp c     = vb_tmp(sb, Ity_I32, IRExpr_Unop(Iop_8Uto32, vb_rd(c8)));
   IRTemp pred  = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpLT32U, IRExpr_Const(IRConst_U32(1)), vb_rd(c)));
   IRTemp p32   = vb_tmp(sb, Ity_I32, IRExpr_Unop(Iop_1Uto32, vb_rd(pred)));
   IRTemp t32   = vb_tmp(sb, Ity_I32, IRExpr_Unop(Iop_1Uto32, guard));
   IRTemp miss  = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpNE32, vb_rd(p32), vb_rd(t32)));
   IRTemp lt3   = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpLT32U, vb_rd(c), IRExpr_Const(IRConst_U32(3))));
   IRTemp gt0   = vb_tmp(sb, Ity_I1, IRExpr_Binop(Iop_CmpLT32U, IRExpr_Const(IRConst_U32(0)), vb_rd(c)));
   IRTemp up    = vb_tmp(sb, Ity_I32, IRExpr_Unop(Iop_1Uto32, vb_rd(lt3)));
   IRTemp down  = vb_tmp(sb, Ity_I32, IRExpr_Unop(Iop_1Uto32, vb_rd(gt0)));
   IRTemp inc   = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_Add32, vb_rd(c), vb_rd(up)));
   IRTemp dec   = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_Sub32, vb_rd(c), vb_rd(down)));
   IRTemp neu   = vb_tmp(sb, Ity_I32, IRExpr_ITE(guard, vb_rd(inc), vb_rd(dec)));
   IRTemp neu8  = vb_tmp(sb, Ity_I8, IRExpr_Unop(Iop_32to8, vb_rd(neu)));
   addStmtToIRSB(sb, IRStmt_Store(Iend_LE, vb_rd(at), vb_rd(neu8)));
   IRTemp shl   = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_Shl32, vb_rd(hist), IRExpr_Const(IRConst_U8(1))));
   IRTemp with  = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_Or32, vb_rd(shl), vb_rd(t32)));
   IRTemp next  = vb_tmp(sb, Ity_I32, IRExpr_Binop(Iop_And32, vb_rd(with), IRExpr_Const(IRConst_U32(history_mask))));
   vb_history_put(sb, vb_rd(next));
   IRTemp m64   = vb_tmp(sb, Ity_I64, IRExpr_Unop(Iop_1Uto64, vb_rd(miss)));
   vb_add_mispredicts(sb, vb_rd(m64));
}

/*------------------------------------------------------------*/
/*--- Long-latency arithmetic: divisions and square roots  ---*/
/*------------------------------------------------------------*/

Bool vb_long_op(IROp op)
{
   switch (op) {
      case Iop_DivU32: case Iop_DivS32: case Iop_DivU64: case Iop_DivS64:
      case Iop_DivU32E: case Iop_DivS32E: case Iop_DivU64E: case Iop_DivS64E:
      case Iop_DivModU64to32: case Iop_DivModS64to32: case Iop_DivModU128to64: case Iop_DivModS128to64:
      case Iop_DivModS64to64: case Iop_DivModU64to64: case Iop_DivModS32to32: case Iop_DivModU32to32:
      case Iop_DivF64: case Iop_DivF32: case Iop_DivF64r32: case Iop_SqrtF64: case Iop_SqrtF32:
      case Iop_Div32Fx4: case Iop_Sqrt32Fx4: case Iop_Div32F0x4: case Iop_Sqrt32F0x4:
      case Iop_Div64Fx2: case Iop_Sqrt64Fx2: case Iop_Div64F0x2: case Iop_Sqrt64F0x2:
      case Iop_Div64Fx4: case Iop_Div32Fx8: case Iop_Sqrt32Fx8: case Iop_Sqrt64Fx4:
         return True;
      default:
         return False;
   }
}

/* How many long-latency operations an expression of flat IR performs (at most one: flat). */
static UInt vb_long_ops(IRExpr* e)
{
   switch (e->tag) {
      case Iex_Unop:  return vb_long_op(e->Iex.Unop.op);
      case Iex_Binop: return vb_long_op(e->Iex.Binop.op);
      case Iex_Triop: return vb_long_op(e->Iex.Triop.details->op);
      case Iex_Qop:   return vb_long_op(e->Iex.Qop.details->op);
      default:        return 0;
   }
}

/*------------------------------------------------------------*/
/*--- Instrumentation                                      ---*/
/*------------------------------------------------------------*/

/* Per superblock being instrumented: the current instruction's address, the conditional exits
   seen, and the long-latency operations not yet added to the block's counter. */
static Addr vb_site;
static UInt vb_exits;
static Int  vb_offset_sp;
/* Temporaries holding the stack pointer or a constant offset from it: accesses through them are
   to the stack, which is always cached and whose pages are touched at start-up, so they are not
   checked (a third of the accesses, and that much of the cost). */
#define VB_MAX_TEMPS 4096
/* vb_stack_tmp[t] == vb_stack_sb: t holds the stack pointer plus a constant in this superblock.
   A stamp, not a flag, so a new superblock needs no clearing (4 KiB per translation, 0.8% of a
   JVM's run under the tool went to that memset). */
static UInt vb_stack_tmp[VB_MAX_TEMPS];
static UInt vb_stack_sb;
static UInt vb_pending_long;
static UInt vb_pending_atomic;

void vb_features_sb_start(Int offset_sp)
{
   vb_offset_sp = offset_sp;
   vb_stack_sb++;
   vb_site = 0;
   vb_exits = 0;
   vb_pending_long = 0;
   vb_pending_atomic = 0;
   vb_slots_sb_start();
}

/* Adds the statically counted operations (and issue slots) seen since the last exit: before an exit that may be
   taken, and at the end of the superblock. */
static void vb_flush_long(IRSB* sb)
{
   ULong excess = vb_slots_take();
   if (excess != 0) vb_add_global(sb, &vb_feat->issue_slot_excess, vb_u64(excess));
   if (vb_pending_long > 0) {
      vb_add_global(sb, &vb_feat->long_latency_ops, vb_u64(vb_pending_long));
      vb_pending_long = 0;
   }
   if (vb_pending_atomic > 0) {
      vb_add_global(sb, &vb_feat->atomic_ops, vb_u64(vb_pending_atomic));
      vb_pending_atomic = 0;
   }
}

void vb_features_sb_end(IRSB* sb)
{
   vb_flush_long(sb);
}

static Bool vb_on_stack(IRExpr* addr)
{
   return addr->tag == Iex_RdTmp && addr->Iex.RdTmp.tmp < VB_MAX_TEMPS
          && vb_stack_tmp[addr->Iex.RdTmp.tmp] == vb_stack_sb;
}

/* Records whether the temporary st defines holds the stack pointer plus a constant. */
static void vb_track_stack(IRStmt* st)
{
   IRTemp t = st->Ist.WrTmp.tmp;
   IRExpr* e = st->Ist.WrTmp.data;
   if (t >= VB_MAX_TEMPS) return;
   if (e->tag == Iex_Get && e->Iex.Get.offset == vb_offset_sp && e->Iex.Get.ty == Ity_I64) {
      vb_stack_tmp[t] = vb_stack_sb;
   } else if (e->tag == Iex_Binop && (e->Iex.Binop.op == Iop_Add64 || e->Iex.Binop.op == Iop_Sub64)
              && vb_on_stack(e->Iex.Binop.arg1) && e->Iex.Binop.arg2->tag == Iex_Const) {
      vb_stack_tmp[t] = vb_stack_sb;
   }
}

void vb_features_instrument(IRSB* sb, IRStmt* st)
{
   if (st->tag != Ist_Exit) vb_slots_stmt(st);   /* an exit's guard adds nothing to a chain */
   Bool loads = clo_mem == VB_MEM_ALL;
   Bool mem = clo_mem != VB_MEM_OFF;
   switch (st->tag) {
      case Ist_IMark:
         vb_site = (Addr)st->Ist.IMark.addr;
         break;
      case Ist_Exit:
         vb_flush_long(sb);
         if (clo_predict && (st->Ist.Exit.jk == Ijk_Boring || st->Ist.Exit.jk == Ijk_Call
                             || st->Ist.Exit.jk == Ijk_Ret)) {
            vb_predict(sb, st->Ist.Exit.guard, vb_site, vb_exits);
         }
         vb_exits++;
         break;
      case Ist_Store:
         if (mem && !vb_on_stack(st->Ist.Store.addr)) vb_check(sb, st->Ist.Store.addr, True);
         break;
      case Ist_StoreG:
         if (mem) vb_check(sb, st->Ist.StoreG.details->addr, True);
         break;
      case Ist_CAS:
         if (mem) vb_check(sb, st->Ist.CAS.details->addr, True);
         vb_pending_atomic++;
         break;
      case Ist_LLSC:
         if (st->Ist.LLSC.storedata != NULL ? mem : loads) {
            vb_check(sb, st->Ist.LLSC.addr, st->Ist.LLSC.storedata != NULL);
         }
         if (st->Ist.LLSC.storedata != NULL) vb_pending_atomic++;
         break;
      case Ist_Dirty: {
         IRDirty* d = st->Ist.Dirty.details;
         if (mem && (d->mFx == Ifx_Write || d->mFx == Ifx_Modify)) {
            vb_check(sb, d->mAddr, True);
         } else if (loads && d->mFx == Ifx_Read) {
            vb_check(sb, d->mAddr, False);
         }
         break;
      }
      case Ist_WrTmp: {
         IRExpr* data = st->Ist.WrTmp.data;
         vb_track_stack(st);
         if (loads && data->tag == Iex_Load && !vb_on_stack(data->Iex.Load.addr)) {
            vb_check(sb, data->Iex.Load.addr, False);
         }
         vb_pending_long += vb_long_ops(data);
         break;
      }
      case Ist_LoadG:
         if (loads) vb_check(sb, st->Ist.LoadG.details->addr, False);
         break;
      default:
         break;
   }
}

/*------------------------------------------------------------*/
/*--- Mappings (the core's trackers)                       ---*/
/*------------------------------------------------------------*/

static void vb_forget(Addr a, SizeT len)
{
   if (len == 0) return;
   vb_forget_pages(a >> VB_PAGE_SHIFT, (a + len + (1ULL << VB_PAGE_SHIFT) - 1) >> VB_PAGE_SHIFT);
   vb_table_forget(a, len);
}

static void vb_new_mem_mmap(Addr a, SizeT len, Bool rr, Bool ww, Bool xx, ULong di_handle)
{
   vb_forget(a, len); /* a fresh mapping, even over an old one (MAP_FIXED) */
}

static void vb_die_mem_munmap(Addr a, SizeT len)
{
   vb_forget(a, len);
}

static void vb_new_mem_brk(Addr a, SizeT len, ThreadId tid)
{
   vb_feat->bytes_mapped += len;
   vb_forget(a, len);
}

static void vb_die_mem_brk(Addr a, SizeT len)
{
   vb_forget(a, len);
}

/* mremap moved pages: they stay touched at their new address. */
static void vb_copy_mem_remap(Addr from, Addr to, SizeT len)
{
   ULong n = (len + (1ULL << VB_PAGE_SHIFT) - 1) >> VB_PAGE_SHIFT, i;
   ULong src = from >> VB_PAGE_SHIFT, dst = to >> VB_PAGE_SHIFT;
   vb_table_forget(to, len);
   for (i = 0; i < n; i++) {
      if (vb_page_touched(src + i) && !vb_page_touched(dst + i)) {
         vb_touch_page(dst + i);
         vb_feat->pages_touched--; /* moved, not touched anew */
      }
   }
}

/* Memory the kernel wrote for the guest (a read() buffer, a stat struct, a signal frame). */
static void vb_post_mem_write(CorePart part, ThreadId tid, Addr a, SizeT size)
{
   if (clo_mem == VB_MEM_OFF || size == 0) return;
   ULong p, end = (a + size + (1ULL << VB_PAGE_SHIFT) - 1) >> VB_PAGE_SHIFT;
   for (p = a >> VB_PAGE_SHIFT; p < end; p++) {
      vb_touch_page(p);
   }
}

/*------------------------------------------------------------*/
/*--- System calls                                         ---*/
/*------------------------------------------------------------*/

#define VB_NR_READ            0
#define VB_NR_WRITE           1
#define VB_NR_MMAP            9
#define VB_NR_PREAD64        17
#define VB_NR_PWRITE64       18
#define VB_NR_READV          19
#define VB_NR_WRITEV         20
#define VB_NR_MREMAP         25
#define VB_NR_MADVISE        28
#define VB_NR_SENDFILE       40
#define VB_NR_SENDTO         44
#define VB_NR_RECVFROM       45
#define VB_NR_SENDMSG        46
#define VB_NR_RECVMSG        47
#define VB_NR_SPLICE        275
#define VB_NR_PREADV        295
#define VB_NR_PWRITEV       296
#define VB_NR_COPY_FILE_RANGE 326
#define VB_NR_PREADV2       327
#define VB_NR_PWRITEV2      328
#define VB_MADV_DONTNEED      4
#define VB_MADV_FREE          8
#define VB_MADV_REMOVE        9
#define VB_PROT_NONE          0

void vb_features_post_syscall(UInt syscallno, UWord* args, UInt nArgs, SysRes res)
{
   if (sr_isError(res)) return;
   UWord r = sr_Res(res);
   switch (syscallno) {
      case VB_NR_READ: case VB_NR_PREAD64: case VB_NR_READV: case VB_NR_PREADV: case VB_NR_PREADV2:
      case VB_NR_RECVFROM: case VB_NR_RECVMSG:
         vb_feat->bytes_read += r;
         break;
      case VB_NR_WRITE: case VB_NR_PWRITE64: case VB_NR_WRITEV: case VB_NR_PWRITEV: case VB_NR_PWRITEV2:
      case VB_NR_SENDTO: case VB_NR_SENDMSG: case VB_NR_SENDFILE: case VB_NR_SPLICE: case VB_NR_COPY_FILE_RANGE:
         vb_feat->bytes_written += r;
         break;
      case VB_NR_MMAP:
         if (nArgs > 2 && args[2] != VB_PROT_NONE) vb_feat->bytes_mapped += VG_PGROUNDUP(args[1]);
         break;
      case VB_NR_MREMAP:
         if (nArgs > 2 && args[2] > args[1]) vb_feat->bytes_mapped += VG_PGROUNDUP(args[2]) - VG_PGROUNDUP(args[1]);
         break;
      case VB_NR_MADVISE:
         if (nArgs > 2 && (args[2] == VB_MADV_DONTNEED || args[2] == VB_MADV_FREE || args[2] == VB_MADV_REMOVE)) {
            vb_forget(args[0], args[1]);
         }
         break;
      default:
         break;
   }
}

/*------------------------------------------------------------*/
/*--- Set-up                                               ---*/
/*------------------------------------------------------------*/

void vb_features_init(struct vbcount_features* block)
{
   vb_feat = block;
}

void vb_features_pre_clo_init(void)
{
   VG_(track_new_mem_mmap)(vb_new_mem_mmap);
   VG_(track_die_mem_munmap)(vb_die_mem_munmap);
   VG_(track_new_mem_brk)(vb_new_mem_brk);
   VG_(track_die_mem_brk)(vb_die_mem_brk);
   VG_(track_copy_mem_remap)(vb_copy_mem_remap);
   VG_(track_post_mem_write)(vb_post_mem_write);
}

void vb_features_post_clo_init(void)
{
   if (clo_mem != VB_MEM_OFF) {
      vb_table = VG_(calloc)("vbcount.table", vb_table_mask + 1, sizeof(ULong));
      vb_far = VG_(calloc)("vbcount.far", vb_far_mask + 1, sizeof(ULong));
   }
}

/* The child of a fork writes its pages afresh (copy on write): it starts with none touched. */
void vb_features_forked_child(void)
{
   UInt i;
   for (i = 0; i < vb_chunks_n; i++) {
      VG_(memset)(vb_chunks[vb_chunks_used[i]], 0, VB_CHUNK_WORDS * sizeof(ULong));
   }
   if (vb_table != NULL) {
      VG_(memset)(vb_table, 0, (vb_table_mask + 1) * sizeof(ULong));
      VG_(memset)(vb_far, 0, (vb_far_mask + 1) * sizeof(ULong));
   }
}
