// Command oracle runs Cilium's own `cilium monitor` formatter and Hubble flow parsers over a
// corpus of perf samples, so cilium-events can be compared with them character for character.
//
// This program is ours, not Cilium's: scripts/oracle.mjs copies this folder into a pinned
// Cilium tree (obtained into the git-ignored .cilium-src/) and builds it there against the
// tree's vendored modules, with build tags choosing the API generation of that release.
//
// Input (stdin): one sample per line, "<cpu> <hex bytes>". Output (stdout): for every sample a
// marker line "\x00<index>\x00\n" written straight to the file descriptor, then exactly what
// Cilium's code wrote for that sample, in the order it reached stdout.
package main

import (
	"bufio"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// The monitor's gopacket dissector keeps its decoded layers in a package variable that is
// initialised once and reused, so a layer's leftovers (Geneve options, VRRP addresses) can
// leak into the next sample's output. Clearing it before every sample makes each sample print
// what a fresh `cilium monitor` process prints, which is what the goldens record.
//
//go:linkname monitorDissectCache github.com/cilium/cilium/pkg/monitor.cache
var monitorDissectCache unsafe.Pointer

type sample struct {
	cpu  int
	data []byte
}

func readCorpus() ([]sample, error) {
	var out []sample
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		cpuText, hexText, _ := strings.Cut(line, " ")
		cpu, err := strconv.Atoi(cpuText)
		if err != nil {
			return nil, fmt.Errorf("line %d: cpu: %w", len(out)+1, err)
		}
		data, err := hex.DecodeString(hexText)
		if err != nil {
			return nil, fmt.Errorf("line %d: hex: %w", len(out)+1, err)
		}
		out = append(out, sample{cpu, data})
	}
	return out, sc.Err()
}

// numericLinks is a link cache that knows no interfaces: names print as the ifindex, as
// Cilium's LinkCache does for an index it has not seen.
type numericLinks struct{}

func (numericLinks) GetIfNameCached(int) (string, bool) { return "", false }
func (numericLinks) Name(i uint32) string               { return strconv.Itoa(int(i)) }

func main() {
	mode := flag.String("mode", "summary", "summary | verbose | dissect | hex | json | numeric | flow")
	repeat := flag.Int("repeat", 0, "time the mode instead: format the corpus this many times, no markers, and print {\"mode\",\"samples\",\"nsPerSample\"} to stderr")
	flag.Parse()
	samples, err := readCorpus()
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(2)
	}
	var run func(s sample) string
	if *mode == "flow" {
		run = func(s sample) string { return hubbleFlow(s.data) }
	} else {
		run = func(s sample) string { monitorFormat(*mode, s.data, s.cpu); return "" }
	}
	if *repeat > 0 {
		timeMode(*mode, samples, *repeat, run)
		return
	}
	for i, s := range samples {
		os.Stdout.WriteString("\x00" + strconv.Itoa(i) + "\x00\n")
		monitorDissectCache = nil
		out := guarded(func() string { return run(s) })
		os.Stdout.WriteString(out)
	}
}

// monitorFlags is what `cilium monitor`'s flags set for a mode: the verbosity (0 INFO, 1 DEBUG
// from -v, 2 VERBOSE from -vv, 3 JSON from --json, which also sets JSONOutput), --hex and -n.
type monitorFlags struct {
	level              int
	hex, json, numeric bool
}

func monitorFlagsOf(mode string) monitorFlags {
	switch mode {
	case "verbose":
		return monitorFlags{level: 1}
	case "dissect":
		return monitorFlags{level: 2}
	case "hex":
		return monitorFlags{level: 2, hex: true}
	case "json":
		return monitorFlags{level: 3, json: true}
	case "numeric":
		return monitorFlags{numeric: true}
	}
	return monitorFlags{}
}

// guarded turns a panic in Cilium's code into one output line, so one sample that would crash
// `cilium monitor` is recorded as such instead of ending the run.
func guarded(f func() string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprintf("PANIC: %v\n", r)
		}
	}()
	return f()
}

// timeMode is the anchor of the throughput benchmarks: Cilium's own code over the same
// samples, output written where the caller points stdout (the bench uses /dev/null). The
// dissector state is kept, as in a long-running `cilium monitor`.
func timeMode(mode string, samples []sample, repeat int, run func(s sample) string) {
	start := time.Now()
	n := 0
	for r := 0; r < repeat; r++ {
		for _, s := range samples {
			if out := run(s); out != "" {
				os.Stdout.WriteString(out)
			}
			n++
		}
	}
	elapsed := time.Since(start)
	fmt.Fprintf(os.Stderr, "{\"mode\":%q,\"samples\":%d,\"nsPerSample\":%.1f}\n", mode, n, float64(elapsed.Nanoseconds())/float64(n))
}
