/*--------------------------------------------------------------------*/
/*--- vbcount: counts by function and call path.       vb_attr.c ---*/
/*--------------------------------------------------------------------*/

/*
   --vbcount-attr=PATH turns this on (off, nothing here runs and the
   instrumentation is vb_main.c's alone).  It attributes the same counts
   the block holds (instructions, conditional and indirect branches by
   cachegrind's rules, and the guest's system calls) to call paths: a
   calling-context tree per thread, whose nodes are functions reached
   through a path of calls from the thread's first function.  A node's
   own costs are its function's exclusive costs on that path; the
   reader (vbench's Java side) derives exclusive and inclusive costs per
   function, call edges and flame graphs from the tree.

   Per superblock (translation time).  Valgrind builds superblocks by
   chasing direct jumps and calls, so one superblock may run through
   several functions; attribution keeps the superblocks exactly as they
   are without it (same counts, same time slices) and cuts each into
   parts, one per run of instructions in one function.  A part starts at
   the first instruction and wherever the next instruction is not the
   one after the previous (a chased jump or call) and either the
   previous was a direct call (E8 rel32) or the function changes.  For a
   part: its function, from the debug info or the symbol table
   (VG_(get_fnname_w_offset): name and offset, so whether the part starts
   at the function's entry), the object, the function's file and line;
   and what it executed when the superblock left by each of its exits or
   ran through it: instructions, conditional and indirect branches by
   vb_main.c's rules, so the parts add up to the block's counts exactly.

   Per part (run time): one helper call at its start, and before each
   side exit a store of the exit's number within the part (as
   callgrind's jmps_passed).  The helper charges the thread's previous
   part (completely when it is the previous part of the same superblock,
   otherwise up to the exit the superblock left by) to the current node,
   then moves along the call tree by how control came here (the jump
   kind of that exit, or for a part after the first, a call or a jump)
   and the stack pointer:
     - frames whose stack pointer lies below the current one have
       returned (ret, longjmp, a signal handler's sigreturn) and are
       popped;
     - after a call, the callee becomes a child of the caller's node;
     - a jump (not a call) to another function's entry is a tail call
       (a child too), except from code without a symbol (a PLT stub),
       which the target replaces;
     - anything else that lands in another function (a return to a
       frame never seen called) replaces the top frame's function.
   Calls between two pieces of code without a symbol (JIT code) stay in
   one node.  Nodes deeper than VB_MAX_NODE_DEPTH take their callees'
   costs themselves.  A system call is charged to the calling thread's
   current node when Valgrind's syscall wrapper sees it.

   Output: when the image ends (exit, or an execve: before the call, so
   a failed exec just goes on), the profile is appended to PATH (%p
   expands to the pid): one section per image, see README.md.  A forked
   child and an image whose exec failed start again from zero, so the
   sections of all processes add up to the whole tree exactly.
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_debuginfo.h"
#include "pub_tool_clientstate.h"
#include "pub_tool_machine.h"
#include "pub_tool_vkiscnums.h"
#include "libvex_guest_amd64.h"
#include "vb_tool.h"

#define VB_MAX_NODE_DEPTH 1000

enum { VB_JK_OTHER = 0, VB_JK_BORING = 1, VB_JK_CALL = 2, VB_JK_RET = 3 };

typedef struct VbFn {
   UInt         id;
   Bool         known;      /* it has a symbol                          */
   HChar*       obj;
   HChar*       name;
   HChar*       file;       /* "" when the debug info has no line table */
   UInt         line;
   struct VbFn* next;       /* hash chain                               */
   struct VbFn* all_next;   /* every function, in order of ids          */
} VbFn;

/* What a superblock executed when it left by one exit. */
typedef struct {
   ULong insns;
   ULong cond;
   ULong ind;
   UInt  jk;
} VbSeg;

/* A run of a superblock's instructions in one function. */
typedef struct VbSB {
   VbFn*        fn;
   Addr         addr;
   Bool         entry;      /* it starts at fn's entry                  */
   Bool         first;      /* the superblock's first part              */
   UInt         enter_jk;   /* not first: how control came from the previous part */
   UInt         nsegs;      /* its exits + 2: seg[0] nothing passed,    */
                            /* seg[j+1] left by its exit j, last: ran   */
                            /* to its end                               */
   ULong        code[3];    /* costs, kept only when fn has no symbol   */
   struct VbSB* all_next;
   VbSeg        seg[0];
} VbSB;

typedef struct VbNode {
   UInt           id;
   UInt           depth;
   VbFn*          fn;
   struct VbNode* parent;
   struct VbNode* child;    /* first child; most recently used first    */
   struct VbNode* sibling;
   struct VbNode* all_next; /* the thread's nodes in creation order     */
   ULong          calls;
   ULong          cost[4];  /* insns, cond, ind, syscalls               */
} VbNode;

typedef struct {
   VbNode* node;
   Addr    sp;              /* the stack pointer at the function's entry */
} VbFrame;

typedef struct {
   Bool     used;
   VbNode   root;           /* the thread: the parent of its first nodes */
   VbNode*  first;
   VbNode*  last;
   VbFrame* stack;
   UInt     depth;
   UInt     cap;
   VbSB*    pending;        /* the superblock running, not yet charged  */
   UInt     last_jk;        /* how the last charged superblock left     */
} VbThread;

Bool vb_attr_on = False;
static const HChar* clo_attr_file = NULL;

static VbThread* vb_threads;          /* [VG_N_THREADS] */
static VbThread* vb_cur;              /* the thread running client code */
static UInt      vb_attr_exit_idx;    /* written by generated code      */
/* The superblock being instrumented: its parts by first instruction,
   and the value stored before each of its exits. */
#define VB_MAX_PARTS 64
#define VB_MAX_EXITS 256
static VbSB*     vb_instr_parts[VB_MAX_PARTS];
static UInt      vb_instr_part_at[VB_MAX_PARTS];   /* IMark index where each starts */
static UInt      vb_instr_nparts;
static UInt      vb_instr_exit_value[VB_MAX_EXITS];
static UInt      vb_instr_imark;                  /* IMarks emitted so far */
static VbSB*     vb_all_sbs;
static VbFn*     vb_all_fns;
static VbFn*     vb_all_fns_last;
static UInt      vb_fn_count;
static UInt      vb_node_count;
static ULong     vb_base[4];          /* the block's counts when the profile restarted */

#define VB_FN_HASH 4096
static VbFn* vb_fn_hash[VB_FN_HASH];

Bool vb_attr_option(const HChar* arg)
{
   if VG_STR_CLO(arg, "--vbcount-attr", clo_attr_file) {
      vb_attr_on = True;
      return True;
   }
   return False;
}

void vb_attr_post_clo_init(void)
{
   /* The real names of the functions below main (__libc_start_main...),
      not Valgrind's "(below main)". */
   VG_(clo_show_below_main) = True;
   vb_threads = VG_(calloc)("vbcount.attr.threads", VG_N_THREADS, sizeof(VbThread));
   vb_global_counts(vb_base);
}

/*------------------------------------------------------------*/
/*--- Functions                                            ---*/
/*------------------------------------------------------------*/

static UInt vb_hash(const HChar* a, const HChar* b)
{
   UInt h = 2166136261u;
   for (; *a; a++) h = (h ^ (UChar)*a) * 16777619u;
   h = (h ^ 0xff) * 16777619u;
   for (; *b; b++) h = (h ^ (UChar)*b) * 16777619u;
   return h;
}

static VbFn* vb_intern(const HChar* obj, const HChar* name, Bool known, Addr entry)
{
   UInt h = vb_hash(obj, name) % VB_FN_HASH;
   VbFn* f;
   for (f = vb_fn_hash[h]; f; f = f->next) {
      if (VG_(strcmp)(f->name, name) == 0 && VG_(strcmp)(f->obj, obj) == 0) return f;
   }
   f = VG_(calloc)("vbcount.attr.fn", 1, sizeof(VbFn));
   f->id = ++vb_fn_count;
   f->known = known;
   f->obj = VG_(strdup)("vbcount.attr.fn", obj);
   f->name = VG_(strdup)("vbcount.attr.fn", name);
   f->file = VG_(strdup)("vbcount.attr.fn", "");
   if (known) {
      const HChar* file;
      const HChar* dir;
      UInt line;
      if (VG_(get_filename_linenum)(VG_(current_DiEpoch)(), entry, &file, &dir, &line)) {
         SizeT n = VG_(strlen)(file) + VG_(strlen)(dir) + 2;
         VG_(free)(f->file);
         f->file = VG_(malloc)("vbcount.attr.fn", n);
         if (dir[0] != 0 && VG_(strchr)(file, '/') == NULL) {
            VG_(sprintf)(f->file, "%s/%s", dir, file);
         } else {
            VG_(strcpy)(f->file, file);
         }
         f->line = line;
      }
   }
   f->next = vb_fn_hash[h];
   vb_fn_hash[h] = f;
   if (vb_all_fns_last) vb_all_fns_last->all_next = f; else vb_all_fns = f;
   vb_all_fns_last = f;
   return f;
}

/* The function holding addr; *entry says whether addr is its first
   instruction. */
static VbFn* vb_fn_at(Addr addr, Bool* entry)
{
   DiEpoch ep = VG_(current_DiEpoch)();
   const HChar* s;
   HChar obj[512];
   HChar name[1024];
   Long offset = 0;
   Bool known = False;

   if (VG_(get_objname)(ep, addr, &s)) {
      VG_(strncpy)(obj, s, sizeof(obj) - 1);
      obj[sizeof(obj) - 1] = 0;
   } else {
      VG_(strcpy)(obj, "???");
   }
   if (VG_(get_fnname_w_offset)(ep, addr, &s)) {
      /* "name" or "name+123": the offset is the digits after the last '+'. */
      Int len = VG_(strlen)(s);
      Int plus = len - 1;
      while (plus > 0 && s[plus] >= '0' && s[plus] <= '9') plus--;
      if (plus > 0 && plus < len - 1 && s[plus] == '+') {
         offset = VG_(strtoll10)(s + plus + 1, NULL);
      } else {
         plus = len;
      }
      if (plus > (Int)sizeof(name) - 1) plus = sizeof(name) - 1;
      VG_(memcpy)(name, s, plus);
      name[plus] = 0;
      known = True;
   } else {
      VG_(strcpy)(name, "???");
   }
   *entry = known && offset == 0;
   return vb_intern(obj, name, known, addr - offset);
}

/*------------------------------------------------------------*/
/*--- The calling-context tree                             ---*/
/*------------------------------------------------------------*/

static VbNode* vb_child(VbThread* t, VbNode* parent, VbFn* fn)
{
   VbNode* prev = NULL;
   VbNode* n;
   for (n = parent->child; n; prev = n, n = n->sibling) {
      if (n->fn == fn) {
         if (prev) {            /* move to the front: calls repeat */
            prev->sibling = n->sibling;
            n->sibling = parent->child;
            parent->child = n;
         }
         return n;
      }
   }
   n = VG_(calloc)("vbcount.attr.node", 1, sizeof(VbNode));
   n->id = ++vb_node_count;
   n->depth = parent->depth + 1;
   n->fn = fn;
   n->parent = parent;
   n->sibling = parent->child;
   parent->child = n;
   if (t->last) t->last->all_next = n; else t->first = n;
   t->last = n;
   return n;
}

static inline VbNode* vb_top(VbThread* t)
{
   return t->depth > 0 ? t->stack[t->depth - 1].node : &t->root;
}

static void vb_push(VbThread* t, VbFn* fn, Addr sp)
{
   VbNode* parent = vb_top(t);
   VbNode* n;
   if (t->depth == t->cap) {
      t->cap = t->cap ? 2 * t->cap : 64;
      t->stack = VG_(realloc)("vbcount.attr.stack", t->stack, t->cap * sizeof(VbFrame));
   }
   if (parent->depth >= VB_MAX_NODE_DEPTH || (parent->fn == fn && !fn->known)) {
      n = parent;                /* too deep, or JIT calling JIT: one node */
   } else {
      n = vb_child(t, parent, fn);
      n->calls++;
   }
   t->stack[t->depth].node = n;
   t->stack[t->depth].sp = sp;
   t->depth++;
}

static void vb_replace(VbThread* t, VbFn* fn)
{
   VbNode* parent = t->depth >= 2 ? t->stack[t->depth - 2].node : &t->root;
   VbNode* n = vb_child(t, parent, fn);
   n->calls++;
   t->stack[t->depth - 1].node = n;
}

/* Charges the thread's pending part: segment k of it. */
static void vb_charge_seg(VbThread* t, UInt k)
{
   VbSB* sb = t->pending;
   VbSeg* s;
   VbNode* n = vb_top(t);
   if (k >= sb->nsegs) k = 0;
   s = &sb->seg[k];
   n->cost[0] += s->insns;
   n->cost[1] += s->cond;
   n->cost[2] += s->ind;
   if (!sb->fn->known) {
      sb->code[0] += s->insns;
      sb->code[1] += s->cond;
      sb->code[2] += s->ind;
   }
   t->last_jk = s->jk;
   t->pending = NULL;
   vb_attr_exit_idx = 0;
}

/* Charges the pending part up to where its superblock left it. */
static void vb_charge(VbThread* t)
{
   vb_charge_seg(t, vb_attr_exit_idx);
}

static VG_REGPARM(2) void vb_attr_enter(VbSB* sb, Addr sp)
{
   VbThread* t = vb_cur;
   VbFn* fn = sb->fn;
   UInt jk;
   if (sb->first) {
      if (t->pending) vb_charge(t);
      jk = t->last_jk;
   } else {
      /* The previous part of this superblock ran to its end. */
      if (t->pending) vb_charge_seg(t, t->pending->nsegs - 1);
      jk = sb->enter_jk;
   }

   /* Frames whose stack pointer lies below the current one are done. */
   while (t->depth > 0 && t->stack[t->depth - 1].sp < sp) t->depth--;

   if (t->depth == 0 || jk == VB_JK_CALL) {
      vb_push(t, fn, sp);
   } else if (vb_top(t)->fn != fn) {
      VbFn* top = vb_top(t)->fn;
      if (sb->entry && jk != VB_JK_RET && top->known) {
         vb_push(t, fn, sp);          /* a tail call, a signal handler */
      } else {
         vb_replace(t, fn);           /* a stub's jump, or a return we did not see called */
      }
   }
   t->pending = sb;
}

/*------------------------------------------------------------*/
/*--- Instrumentation                                      ---*/
/*------------------------------------------------------------*/

static UInt vb_jk(IRJumpKind jk)
{
   switch (jk) {
      case Ijk_Boring: return VB_JK_BORING;
      case Ijk_Call:   return VB_JK_CALL;
      case Ijk_Ret:    return VB_JK_RET;
      default:         return VB_JK_OTHER;
   }
}

static inline Bool vb_is_branch(IRJumpKind jk)
{
   return jk == Ijk_Boring || jk == Ijk_Call || jk == Ijk_Ret;
}

/* Where the superblock's instructions start: statements before the
   first IMark (a self-check preamble, with its own exit, for code that
   may be rewritten, such as JIT code) are vb_instrument's copy, not
   counted. */
static Int vb_first_imark(IRSB* sbIn)
{
   Int i = 0;
   while (i < sbIn->stmts_used && (!sbIn->stmts[i] || sbIn->stmts[i]->tag != Ist_IMark)) i++;
   return i;
}

/* Whether the instruction at addr, len bytes long, is a direct call
   (E8 rel32, after any prefixes). */
static Bool vb_is_direct_call(Addr addr, UInt len)
{
   return len >= 5 && *(const UChar*)(addr + len - 5) == 0xE8;
}

static VbSB* vb_new_part(VbFn* fn, Addr addr, Bool entry, Bool first, UInt enter_jk, UInt exits)
{
   VbSB* sb = VG_(calloc)("vbcount.attr.part", 1, sizeof(VbSB) + (exits + 2) * sizeof(VbSeg));
   sb->fn = fn;
   sb->addr = addr;
   sb->entry = entry;
   sb->first = first;
   sb->enter_jk = enter_jk;
   sb->nsegs = exits + 2;
   sb->all_next = vb_all_sbs;
   vb_all_sbs = sb;
   return sb;
}

/* Fills the parts' segments: the same rules as vb_instrument's (an
   instruction per IMark, a conditional branch per passed exit of a
   branch kind, an indirect branch for a Boring or Call end of the
   superblock to a computed target), each part counted from its start. */
static void vb_fill_segments(IRSB* sbIn)
{
   UInt p = 0, j = 0, imark = 0, exit = 0;
   ULong insns = 0, cond = 0;
   VbSB* part = vb_instr_parts[0];
   Int i;
   for (i = vb_first_imark(sbIn); i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      if (!st) continue;
      if (st->tag == Ist_IMark) {
         if (p + 1 < vb_instr_nparts && vb_instr_part_at[p + 1] == imark) {
            part->seg[part->nsegs - 1].insns = insns;     /* ran to its end */
            part->seg[part->nsegs - 1].cond = cond;
            part = vb_instr_parts[++p];
            insns = cond = 0;
            j = 0;
         }
         insns++;
         imark++;
      } else if (st->tag == Ist_Exit) {
         if (vb_is_branch(st->Ist.Exit.jk)) cond++;
         j++;
         part->seg[j].insns = insns;
         part->seg[j].cond = cond;
         part->seg[j].jk = vb_jk(st->Ist.Exit.jk);
         if (exit < VB_MAX_EXITS) vb_instr_exit_value[exit] = j;
         exit++;
      }
   }
   part->seg[part->nsegs - 1].insns = insns;
   part->seg[part->nsegs - 1].cond = cond;
   part->seg[part->nsegs - 1].ind = (sbIn->jumpkind == Ijk_Boring || sbIn->jumpkind == Ijk_Call)
                                    && sbIn->next->tag == Iex_RdTmp ? 1 : 0;
   part->seg[part->nsegs - 1].jk = vb_jk(sbIn->jumpkind);
}

void vb_attr_sb_start(IRSB* sbIn)
{
   /* First pass: where parts start and how many exits each has. */
   UInt exits_of[VB_MAX_PARTS];
   VbFn* fn_of[VB_MAX_PARTS];
   Addr addr_of[VB_MAX_PARTS];
   Bool entry_of[VB_MAX_PARTS];
   UInt jk_of[VB_MAX_PARTS];
   Addr next = 0;
   UInt imark = 0, n = 0;
   Bool call_before = False;
   Int i;
   for (i = vb_first_imark(sbIn); i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      if (!st) continue;
      if (st->tag == Ist_IMark) {
         Addr a = (Addr)st->Ist.IMark.addr;
         UInt len = st->Ist.IMark.len;
         if (n == 0 || (a != next && n < VB_MAX_PARTS)) {
            Bool entry;
            VbFn* fn = vb_fn_at(a, &entry);
            if (n == 0 || call_before || fn != fn_of[n - 1]) {
               fn_of[n] = fn;
               addr_of[n] = a;
               entry_of[n] = entry;
               jk_of[n] = call_before ? VB_JK_CALL : VB_JK_BORING;
               exits_of[n] = 0;
               vb_instr_part_at[n] = imark;
               n++;
            }
         }
         call_before = vb_is_direct_call(a, len);
         next = a + len;
         imark++;
      } else if (st->tag == Ist_Exit) {
         tl_assert(n > 0);
         exits_of[n - 1]++;
      }
   }
   vb_instr_nparts = n;
   for (i = 0; i < (Int)n; i++) {
      vb_instr_parts[i] = vb_new_part(fn_of[i], addr_of[i], entry_of[i], i == 0, jk_of[i], exits_of[i]);
   }
   vb_fill_segments(sbIn);
   vb_instr_imark = 0;
}

void vb_attr_imark(IRSB* sbOut, IRStmt* imark)
{
   UInt p;
   for (p = 0; p < vb_instr_nparts; p++) {
      if (vb_instr_part_at[p] != vb_instr_imark) continue;
      /* Flat IR: a helper's arguments are constants or temporaries. */
      IRTemp sp = newIRTemp(sbOut->tyenv, Ity_I64);
      addStmtToIRSB(sbOut, IRStmt_WrTmp(sp, IRExpr_Get(__builtin_offsetof(VexGuestAMD64State, guest_RSP),
                                                       Ity_I64)));
      IRDirty* d = unsafeIRDirty_0_N(2, "vb_attr_enter", VG_(fnptr_to_fnentry)(&vb_attr_enter),
                                     mkIRExprVec_2(mkIRExpr_HWord((HWord)vb_instr_parts[p]), IRExpr_RdTmp(sp)));
      addStmtToIRSB(sbOut, IRStmt_Dirty(d));
      break;
   }
   vb_instr_imark++;
}

static void vb_store_exit(IRSB* sbOut, UInt idx)
{
   addStmtToIRSB(sbOut, IRStmt_Store(Iend_LE, mkIRExpr_HWord((HWord)&vb_attr_exit_idx),
                                     IRExpr_Const(IRConst_U32(idx))));
}

void vb_attr_before_exit(IRSB* sbOut, UInt k)
{
   tl_assert(k < VB_MAX_EXITS);
   vb_store_exit(sbOut, vb_instr_exit_value[k]);
}

void vb_attr_sb_end(IRSB* sbOut)
{
   vb_store_exit(sbOut, vb_instr_parts[vb_instr_nparts - 1]->nsegs - 1);
}

/*------------------------------------------------------------*/
/*--- Threads, system calls                                ---*/
/*------------------------------------------------------------*/

void vb_attr_start_client_code(ThreadId tid)
{
   VbThread* t = &vb_threads[tid];
   t->used = True;
   vb_cur = t;
}

void vb_attr_stop_client_code(ThreadId tid)
{
   VbThread* t = &vb_threads[tid];
   if (t->pending) vb_charge(t);
}

void vb_attr_thread_created(ThreadId child)
{
   VbThread* t = &vb_threads[child];
   t->depth = 0;          /* a reused ThreadId: its tree stays, its stack does not */
   t->pending = NULL;
   t->last_jk = VB_JK_OTHER;
}

void vb_attr_thread_exited(ThreadId tid)
{
   VbThread* t = &vb_threads[tid];
   if (t->pending) vb_charge(t);
   t->depth = 0;
}

/*------------------------------------------------------------*/
/*--- Output                                               ---*/
/*------------------------------------------------------------*/

typedef struct {
   HChar* buf;
   SizeT  len;
   SizeT  cap;
} VbOut;

static void vb_put(VbOut* o, const HChar* s)
{
   SizeT n = VG_(strlen)(s);
   if (o->len + n + 1 > o->cap) {
      while (o->len + n + 1 > o->cap) o->cap = o->cap ? 2 * o->cap : 65536;
      o->buf = VG_(realloc)("vbcount.attr.out", o->buf, o->cap);
   }
   VG_(memcpy)(o->buf + o->len, s, n);
   o->len += n;
   o->buf[o->len] = 0;
}

/* A string field: tabs and line ends would break the format. */
static void vb_put_field(VbOut* o, const HChar* s)
{
   HChar one[2] = { 0, 0 };
   for (; *s; s++) {
      one[0] = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
      vb_put(o, one);
   }
}

static void vb_write_profile(const HChar* reason, Int exitcode)
{
   VbOut o = { NULL, 0, 0 };
   HChar line[256];
   ULong now[4];
   ThreadId tid;
   VbFn* f;
   VbSB* sb;

   vb_global_counts(now);
   VG_(sprintf)(line, "vbcount-profile 1\nimage %d %s %d ", VG_(getpid)(), reason, exitcode);
   vb_put(&o, line);
   vb_put_field(&o, VG_(args_the_exename) ? VG_(args_the_exename) : "?");
   VG_(sprintf)(line, "\ntotals %llu %llu %llu %llu\n", now[0] - vb_base[0], now[1] - vb_base[1],
                now[2] - vb_base[2], now[3] - vb_base[3]);
   vb_put(&o, line);
   for (f = vb_all_fns; f; f = f->all_next) {
      VG_(sprintf)(line, "fn %u\t%d\t", f->id, f->known ? 1 : 0);
      vb_put(&o, line);
      vb_put_field(&o, f->obj);
      vb_put(&o, "\t");
      vb_put_field(&o, f->name);
      vb_put(&o, "\t");
      vb_put_field(&o, f->file);
      VG_(sprintf)(line, "\t%u\n", f->line);
      vb_put(&o, line);
   }
   for (tid = 1; tid < VG_N_THREADS; tid++) {
      VbThread* t = &vb_threads[tid];
      VbNode* n;
      if (!t->used) continue;
      VG_(sprintf)(line, "thread %u\n", tid);
      vb_put(&o, line);
      if (t->root.cost[0] | t->root.cost[1] | t->root.cost[2] | t->root.cost[3]) {
         VG_(sprintf)(line, "node 0 0 0 0 %llu %llu %llu %llu\n", t->root.cost[0], t->root.cost[1],
                      t->root.cost[2], t->root.cost[3]);
         vb_put(&o, line);
      }
      for (n = t->first; n; n = n->all_next) {
         VG_(sprintf)(line, "node %u %u %u %llu %llu %llu %llu %llu\n", n->id,
                      n->parent == &t->root ? 0 : n->parent->id, n->fn->id, n->calls,
                      n->cost[0], n->cost[1], n->cost[2], n->cost[3]);
         vb_put(&o, line);
      }
   }
   for (sb = vb_all_sbs; sb; sb = sb->all_next) {
      if (sb->fn->known || (sb->code[0] | sb->code[1] | sb->code[2]) == 0) continue;
      VG_(sprintf)(line, "code %u 0x%lx %llu %llu %llu\n", sb->fn->id, (UWord)sb->addr,
                   sb->code[0], sb->code[1], sb->code[2]);
      vb_put(&o, line);
   }
   vb_put(&o, "end\n");

   HChar* path = VG_(expand_file_name)("--vbcount-attr", clo_attr_file);
   vb_write_file("--vbcount-attr", path, o.buf, (Int)o.len, True);
   VG_(free)(path);
   VG_(free)(o.buf);
}

/* Starts the profile again from zero: what was written (or belongs to
   the parent) is not counted twice.  Call paths and functions stay. */
static void vb_restart(void)
{
   ThreadId tid;
   VbSB* sb;
   for (tid = 1; tid < VG_N_THREADS; tid++) {
      VbThread* t = &vb_threads[tid];
      VbNode* n;
      VG_(memset)(t->root.cost, 0, sizeof(t->root.cost));
      for (n = t->first; n; n = n->all_next) {
         n->calls = 0;
         VG_(memset)(n->cost, 0, sizeof(n->cost));
      }
   }
   for (sb = vb_all_sbs; sb; sb = sb->all_next) {
      sb->code[0] = sb->code[1] = sb->code[2] = 0;
   }
   vb_global_counts(vb_base);
}

void vb_attr_pre_syscall(ThreadId tid, UInt syscallno)
{
   VbThread* t = &vb_threads[tid];
   if (t->pending) vb_charge(t);
   vb_top(t)->cost[3]++;
   if (syscallno == __NR_execve || syscallno == __NR_execveat) {
      vb_write_profile("exec", 0);
      vb_restart();
   }
}

void vb_attr_forked_child(void)
{
   vb_restart();
}

void vb_attr_fini(Int exitcode)
{
   ThreadId tid;
   for (tid = 1; tid < VG_N_THREADS; tid++) {
      if (vb_threads[tid].pending) vb_charge(&vb_threads[tid]);
   }
   vb_write_profile("exit", exitcode);
}
