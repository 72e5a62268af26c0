/*
 * Has the running kernel write one perf ring, then saves it for live-ring.test.ts.
 *
 * usage: perf-ring-writer <forward|backward> <data pages> <payloads.txt> <ring.bin> <log.json>
 *
 * payloads.txt holds one line per step: the hex bytes of a payload (1..300 bytes) to emit
 * with bpf_perf_event_output(), or "consume" (forward rings only: store data_tail = data_head,
 * as a reader does after reading everything), or "consume N": store as data_tail the
 * data_head seen right after step N (0-based), as a reader does that read only the records
 * written up to then. Consuming thus never needs to parse the ring.
 *
 * The ring is the CPU 0 ring of a BPF_MAP_TYPE_PERF_EVENT_ARRAY. A SCHED_CLS program, given
 * as raw instructions so no BPF toolchain is needed, copies the first skb->mark bytes of the
 * packet into it; BPF_PROG_TEST_RUN runs it once per payload while this process is pinned
 * to CPU 0. Nothing reads the ring here: the test does, from the byte-exact copy.
 *
 * Exit status 0: ring.bin and log.json written. Any other status means the kernel or the
 * environment could not provide the setup (no privilege, feature missing, verifier refusal,
 * unexpected helper result); the reason is printed on stderr and the test skips.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_PAYLOAD 300
#define MAX_STEPS 4096
/* BPF_PROG_TEST_RUN wants at least an Ethernet header of packet data. */
#define MIN_PACKET 14

static void fail(const char *what) {
  fprintf(stderr, "setup: %s: %s\n", what, strerror(errno));
  exit(2);
}

static void failx(const char *what) {
  fprintf(stderr, "setup: %s\n", what);
  exit(2);
}

static long sys_bpf(int cmd, union bpf_attr *attr) {
  return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

struct step {
  int consume;
  int after; /* for "consume N": N; -1 for the current head */
  uint32_t len;
  uint8_t bytes[MAX_PAYLOAD];
};

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int read_steps(const char *path, struct step *steps) {
  FILE *f = fopen(path, "r");
  if (!f) fail("open payloads");
  static char line[2 * MAX_PAYLOAD + 16];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    size_t l = strcspn(line, "\r\n");
    line[l] = 0;
    if (l == 0) continue;
    if (n == MAX_STEPS) failx("too many payload lines");
    struct step *s = &steps[n++];
    memset(s, 0, sizeof *s);
    if (strncmp(line, "consume", 7) == 0) {
      s->consume = 1;
      s->after = -1;
      if (line[7] == ' ') {
        char *end;
        long after = strtol(line + 8, &end, 10);
        if (*end || after < 0 || after >= n - 1) failx("consume N: N must name an earlier step");
        s->after = (int)after;
      } else if (line[7]) {
        failx("payload line: not hex");
      }
      continue;
    }
    if (l % 2 != 0 || l / 2 > MAX_PAYLOAD) failx("payload line: odd length or longer than 300 bytes");
    for (size_t i = 0; i < l / 2; i++) {
      int hi = hexval(line[2 * i]), lo = hexval(line[2 * i + 1]);
      if (hi < 0 || lo < 0) failx("payload line: not hex");
      s->bytes[i] = (uint8_t)(hi << 4 | lo);
    }
    s->len = (uint32_t)(l / 2);
  }
  fclose(f);
  return n;
}

/*
 * r6 = ctx; r3 = BPF_F_CURRENT_CPU | (skb->mark << 32); r4 = empty stack buffer, r5 = 0;
 * r0 = bpf_perf_event_output(ctx, map, r3, r4, r5); return r0 (the helper's result, which
 * BPF_PROG_TEST_RUN reports as retval).
 */
static int load_program(int map_fd, char *log, size_t log_size) {
  struct bpf_insn insns[] = {
    { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_6, .src_reg = BPF_REG_1 },
    { .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = BPF_REG_3, .src_reg = BPF_REG_1,
      .off = offsetof(struct __sk_buff, mark) },
    { .code = BPF_ALU64 | BPF_LSH | BPF_K, .dst_reg = BPF_REG_3, .imm = 32 },
    /* 32-bit move zero-extends: r4 = 0x00000000ffffffff = BPF_F_CURRENT_CPU */
    { .code = BPF_ALU | BPF_MOV | BPF_K, .dst_reg = BPF_REG_4, .imm = -1 },
    { .code = BPF_ALU64 | BPF_OR | BPF_X, .dst_reg = BPF_REG_3, .src_reg = BPF_REG_4 },
    { .code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = BPF_REG_2, .src_reg = BPF_PSEUDO_MAP_FD, .imm = map_fd },
    { 0 },
    { .code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_10, .off = -8, .imm = 0 },
    { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_4, .src_reg = BPF_REG_10 },
    { .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = BPF_REG_4, .imm = -8 },
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_5, .imm = 0 },
    { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_1, .src_reg = BPF_REG_6 },
    { .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_perf_event_output },
    { .code = BPF_JMP | BPF_EXIT },
  };
  static const char license[] = "GPL"; /* bpf_perf_event_output is GPL-only */
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
  attr.insns = (uint64_t)(uintptr_t)insns;
  attr.insn_cnt = sizeof insns / sizeof insns[0];
  attr.license = (uint64_t)(uintptr_t)license;
  attr.log_buf = (uint64_t)(uintptr_t)log;
  attr.log_size = (uint32_t)log_size;
  attr.log_level = 1;
  return (int)sys_bpf(BPF_PROG_LOAD, &attr);
}

/* One BPF_PROG_TEST_RUN; returns the program's r0 as the helper's signed result. */
static int32_t emit(int prog_fd, const struct step *s) {
  uint8_t packet[MAX_PAYLOAD > MIN_PACKET ? MAX_PAYLOAD : MIN_PACKET];
  memset(packet, 0, sizeof packet);
  memcpy(packet, s->bytes, s->len);
  struct __sk_buff ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.mark = s->len;
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.test.prog_fd = (uint32_t)prog_fd;
  attr.test.data_in = (uint64_t)(uintptr_t)packet;
  attr.test.data_size_in = s->len < MIN_PACKET ? MIN_PACKET : s->len;
  attr.test.ctx_in = (uint64_t)(uintptr_t)&ctx;
  attr.test.ctx_size_in = sizeof ctx;
  attr.test.repeat = 1;
  if (sys_bpf(BPF_PROG_TEST_RUN, &attr) != 0) fail("BPF_PROG_TEST_RUN");
  return (int32_t)attr.test.retval;
}

int main(int argc, char **argv) {
  if (argc != 6) failx("usage: perf-ring-writer <forward|backward> <data pages> <payloads.txt> <ring.bin> <log.json>");
  int backward = strcmp(argv[1], "backward") == 0;
  if (!backward && strcmp(argv[1], "forward") != 0) failx("mode must be forward or backward");
  long pages = strtol(argv[2], NULL, 10);
  if (pages < 1 || pages > 64 || (pages & (pages - 1)) != 0) failx("data pages must be a power of two, 1..64");

  static struct step steps[MAX_STEPS];
  int nsteps = read_steps(argv[3], steps);

  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  CPU_SET(0, &cpus);
  if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) fail("sched_setaffinity(CPU 0)");

  union bpf_attr mattr;
  memset(&mattr, 0, sizeof mattr);
  mattr.map_type = BPF_MAP_TYPE_PERF_EVENT_ARRAY;
  mattr.key_size = 4;
  mattr.value_size = 4;
  mattr.max_entries = 1; /* only CPU 0's ring; BPF_F_CURRENT_CPU is index 0 there */
  int map_fd = (int)sys_bpf(BPF_MAP_CREATE, &mattr);
  if (map_fd < 0) fail("bpf(BPF_MAP_CREATE, PERF_EVENT_ARRAY)");

  struct perf_event_attr pattr;
  memset(&pattr, 0, sizeof pattr);
  pattr.size = sizeof pattr;
  pattr.type = PERF_TYPE_SOFTWARE;
  pattr.config = PERF_COUNT_SW_BPF_OUTPUT;
  pattr.sample_type = PERF_SAMPLE_RAW;
  pattr.sample_period = 1;
  pattr.wakeup_events = 1;
  pattr.write_backward = backward ? 1 : 0;
  int perf_fd = (int)syscall(__NR_perf_event_open, &pattr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
  if (perf_fd < 0) fail("perf_event_open(PERF_COUNT_SW_BPF_OUTPUT, cpu 0)");
  uint64_t event_id = 0;
  if (ioctl(perf_fd, PERF_EVENT_IOC_ID, &event_id) != 0) fail("ioctl(PERF_EVENT_IOC_ID)");

  long page = sysconf(_SC_PAGESIZE);
  size_t mmap_size = (size_t)page * (size_t)(1 + pages);
  /* A read-only mapping is what puts the kernel in overwrite mode (backward rings). */
  int prot = backward ? PROT_READ : PROT_READ | PROT_WRITE;
  uint8_t *ring = mmap(NULL, mmap_size, prot, MAP_SHARED, perf_fd, 0);
  if (ring == MAP_FAILED) fail("mmap(perf ring)");
  struct perf_event_mmap_page *meta = (struct perf_event_mmap_page *)ring;

  uint32_t key = 0, value = (uint32_t)perf_fd;
  union bpf_attr uattr;
  memset(&uattr, 0, sizeof uattr);
  uattr.map_fd = (uint32_t)map_fd;
  uattr.key = (uint64_t)(uintptr_t)&key;
  uattr.value = (uint64_t)(uintptr_t)&value;
  if (sys_bpf(BPF_MAP_UPDATE_ELEM, &uattr) != 0) fail("bpf(BPF_MAP_UPDATE_ELEM, perf fd)");

  static char log[65536];
  int prog_fd = load_program(map_fd, log, sizeof log);
  if (prog_fd < 0) {
    fprintf(stderr, "setup: bpf(BPF_PROG_LOAD): %s\n%s\n", strerror(errno), log);
    return 2;
  }

  FILE *out = fopen(argv[5], "w");
  if (!out) fail("open log.json");
  fprintf(out, "{\"mode\":\"%s\",\"page_size\":%ld,\"data_pages\":%ld,\"event_id\":\"%llu\",\"steps\":[",
          argv[1], page, pages, (unsigned long long)event_id);
  static uint64_t heads[MAX_STEPS]; /* data_head after each step */
  for (int i = 0; i < nsteps; i++) {
    const struct step *s = &steps[i];
    if (i) fputc(',', out);
    if (s->consume) {
      if (backward) failx("consume is meaningless on a backward ring");
      uint64_t tail = s->after < 0 ? __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE) : heads[s->after];
      if (tail < meta->data_tail) failx("consume N: data_tail would move backwards");
      __atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
      fprintf(out, "{\"consume\":\"%llu\",\"after\":%d}", (unsigned long long)tail, s->after < 0 ? i - 1 : s->after);
    } else {
      int32_t ret = emit(prog_fd, s);
      if (ret != 0 && ret != -ENOSPC) {
        errno = -ret;
        fail("bpf_perf_event_output result other than 0 or -ENOSPC");
      }
      fprintf(out, "{\"len\":%u,\"ret\":%d}", s->len, ret);
    }
    heads[i] = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
  }
  if (backward) {
    /* Stop the kernel writing so the copy is a stable view. */
    if (ioctl(perf_fd, PERF_EVENT_IOC_PAUSE_OUTPUT, 1) != 0) fail("ioctl(PERF_EVENT_IOC_PAUSE_OUTPUT)");
  }
  uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
  fprintf(out, "],\"data_head\":\"%llu\",\"data_tail\":\"%llu\"}\n", (unsigned long long)head,
          (unsigned long long)meta->data_tail);
  if (fclose(out) != 0) fail("write log.json");

  FILE *bin = fopen(argv[4], "wb");
  if (!bin) fail("open ring.bin");
  if (fwrite(ring, 1, mmap_size, bin) != mmap_size || fclose(bin) != 0) fail("write ring.bin");
  return 0;
}
