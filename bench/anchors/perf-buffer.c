// The C anchor of bench/ring.bench.mjs: libbpf's perf_buffer consuming the same ring sequence
// as the JavaScript walkers, and a plain memcpy of the same window (the bandwidth limit).
//
//   cc -O2 perf-buffer.c -lbpf -o perf-buffer && ./perf-buffer ring.bin DATA_OFFSET DATA_SIZE READ_START READ_END [SECONDS [OUT]]
//
// The kernel does not let user space write a perf ring's data pages, so the kernel writes the
// sequence: the fixture's samples are taken from ring.bin and each one is emitted with
// bpf_perf_event_output() by a five-instruction tc program run through BPF_PROG_TEST_RUN
// (the sample is the program's packet, as Cilium's datapath appends packets) into a one-CPU
// BPF_MAP_TYPE_PERF_EVENT_ARRAY that perf_buffer__new mapped. Then, pass after pass, data_tail
// goes back to where the sequence starts and perf_buffer__consume_buffer walks it: libbpf calls
// the sample callback for each record (which reads the message type byte, as a filter would).
// OUT, when given, receives the ring the kernel wrote (metadata page and data pages), so the
// JavaScript walkers can be timed on exactly these bytes. Samples shorter than an Ethernet
// header (14 bytes, the least a tc test run takes) are emitted padded to it.
// Needs bpf() with CAP_BPF/CAP_SYS_ADMIN and perf_event_open(); prints one JSON line, exit
// status 3 with {"error": ...} when the kernel refuses.
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct counts {
  uint64_t samples, lost, type_sum;
};

static void on_sample(void *ctx, int cpu, void *data, __u32 size) {
  struct counts *c = ctx;
  c->samples++;
  if (size > 0) c->type_sum += *(const unsigned char *)data;
}

static void on_lost(void *ctx, int cpu, __u64 n) {
  ((struct counts *)ctx)->lost += n;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: %s ring.bin DATA_OFFSET DATA_SIZE READ_START READ_END [SECONDS]\n", argv[0]);
    return 2;
  }
  size_t data_offset = strtoull(argv[2], NULL, 10), data_size = strtoull(argv[3], NULL, 10);
  uint64_t read_start = strtoull(argv[4], NULL, 10), read_end = strtoull(argv[5], NULL, 10);
  double seconds = argc > 6 ? atof(argv[6]) : 1.0;
  uint64_t window = read_end - read_start;

  FILE *f = fopen(argv[1], "rb");
  if (!f) return perror(argv[1]), 1;
  unsigned char *fixture = malloc(data_offset + data_size);
  if (fread(fixture, 1, data_offset + data_size, f) != data_offset + data_size) return fprintf(stderr, "short ring.bin\n"), 1;
  fclose(f);

  // The samples of the fixture's window, in ring order.
  unsigned char *ring = fixture + data_offset;
  uint64_t mask = data_size - 1;
  size_t nsamples = 0;
  struct { uint32_t at, len; } *samples = malloc(sizeof(*samples) * (window / 16 + 1));
  for (uint64_t pos = read_start; pos < read_end;) {
    struct perf_event_header h;
    memcpy(&h, ring + (pos & mask), sizeof h);
    if (h.size < 8) return fprintf(stderr, "bad record in ring.bin\n"), 1;
    if (h.type == PERF_RECORD_SAMPLE) {
      uint32_t raw;
      memcpy(&raw, ring + ((pos + 8) & mask), 4);
      samples[nsamples].at = (pos + 12) & mask;
      samples[nsamples++].len = raw;
    }
    pos += h.size;
  }

  // CPU 0 only: the program writes to the current CPU's ring, the map has one.
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  CPU_SET(0, &cpus);
  sched_setaffinity(0, sizeof cpus, &cpus);
  int map = bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "anchor", 4, 4, 1, NULL);
  if (map < 0) return printf("{\"error\":\"bpf_map_create: %s\"}\n", strerror(errno)), 3;
  struct counts c = {0};
  long page = sysconf(_SC_PAGESIZE);
  struct perf_buffer *pb = perf_buffer__new(map, data_size / page, on_sample, on_lost, &c, NULL);
  if (!pb) return printf("{\"error\":\"perf_buffer__new: %s\"}\n", strerror(errno)), 3;
  void *mem;
  size_t size;
  if (perf_buffer__buffer(pb, 0, &mem, &size) != 0 || size != data_size) return printf("{\"error\":\"unexpected perf buffer layout\"}\n"), 3;
  struct perf_event_mmap_page *meta = mem;
  unsigned char *data = (unsigned char *)mem + page;

  // r6 = ctx; r3 = skb->len << 32 | BPF_F_CURRENT_CPU; perf_event_output(ctx, map, r3, r10 - 8, 0)
  struct bpf_insn prog[] = {
      {.code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 6, .src_reg = 1},
      {.code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 3, .src_reg = 6, .off = 0},
      {.code = BPF_ALU64 | BPF_LSH | BPF_K, .dst_reg = 3, .imm = 32},
      {.code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = 5, .imm = -1},
      {.imm = 0},
      {.code = BPF_ALU64 | BPF_OR | BPF_X, .dst_reg = 3, .src_reg = 5},
      {.code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = 2, .src_reg = BPF_PSEUDO_MAP_FD, .imm = map},
      {.imm = 0},
      {.code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = 10, .off = -8, .imm = 0},
      {.code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 4, .src_reg = 10},
      {.code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 4, .imm = -8},
      {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 5, .imm = 0},
      {.code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 1, .src_reg = 6},
      {.code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_perf_event_output},
      {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0},
      {.code = BPF_JMP | BPF_EXIT},
  };
  char log[4096] = "";
  LIBBPF_OPTS(bpf_prog_load_opts, load, .log_buf = log, .log_size = sizeof log, .log_level = 1);
  int fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "anchor", "GPL", prog, sizeof prog / sizeof prog[0], &load);
  if (fd < 0) return printf("{\"error\":\"bpf_prog_load: %s\"}\n", strerror(errno)), fprintf(stderr, "%s", log), 3;
  uint64_t start = meta->data_head;
  for (size_t i = 0; i < nsamples; i++) {
    unsigned char buf[65536];
    uint32_t len = samples[i].len, first = data_size - samples[i].at < len ? data_size - samples[i].at : len;
    memcpy(buf, ring + samples[i].at, first);
    memcpy(buf + first, ring, len - first);
    // tc test runs take at least an Ethernet header.
    LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = buf, .data_size_in = len < 14 ? 14 : len);
    if (bpf_prog_test_run_opts(fd, &run) != 0) return printf("{\"error\":\"BPF_PROG_TEST_RUN: %s\"}\n", strerror(errno)), 3;
  }
  uint64_t end = meta->data_head;
  read_start = start;
  read_end = end;
  window = end - start;
  if (window == 0 || window > data_size) return printf("{\"error\":\"the kernel wrote %" PRIu64 " bytes\"}\n", window), 3;

  if (argc > 7) {
    FILE *out = fopen(argv[7], "wb");
    if (!out) return perror(argv[7]), 1;
    meta->data_tail = read_start;
    fwrite(mem, 1, page + data_size, out);
    fclose(out);
  }

  // Warm up, then time passes over the same window.
  uint64_t passes = 0;
  for (int i = 0; i < 100; i++) {
    meta->data_tail = read_start;
    perf_buffer__consume_buffer(pb, 0);
  }
  uint64_t per_pass = c.samples / 100;
  c.samples = 0;
  double t0 = now(), t;
  do {
    for (int i = 0; i < 100; i++) {
      meta->data_tail = read_start;
      perf_buffer__consume_buffer(pb, 0);
    }
    passes += 100;
  } while ((t = now()) - t0 < seconds);
  double ns_pass = (t - t0) * 1e9 / passes;

  // memcpy of the same window out of the ring (wrapping like a reader would), the bandwidth limit.
  unsigned char *dst = malloc(window);
  uint64_t first = read_start & (data_size - 1), part = data_size - first < window ? data_size - first : window;
  uint64_t copies = 0;
  double m0 = now(), m;
  do {
    for (int i = 0; i < 100; i++) {
      memcpy(dst, data + first, part);
      memcpy(dst + part, data, window - part);
      __asm__ volatile("" : : "r"(dst) : "memory");
    }
    copies += 100;
  } while ((m = now()) - m0 < seconds / 2);
  double ns_copy = (m - m0) * 1e9 / copies;

  printf("{\"samplesPerPass\":%" PRIu64 ",\"nsPerPass\":%.1f,\"memcpyNsPerPass\":%.1f,\"windowBytes\":%" PRIu64 ",\"check\":%" PRIu64 "}\n",
         per_pass, ns_pass, ns_copy, window, c.type_sum % 1000);
  perf_buffer__free(pb);
  return 0;
}
