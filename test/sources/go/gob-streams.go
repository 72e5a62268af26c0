// gob-streams writes monitor-socket gob streams the way the Cilium agent's monitor1_2
// listener does (one gob.Encoder per connection, one Encode per Payload; the same in Cilium
// 1.16 to 1.20), with payloads the agent rarely or never sends, and next to each stream what
// Go's own gob.Decoder reads from it into a Payload. Written for the cilium-events tests;
// the standard library only.
//
// usage: gob-streams -out DIR
//
// For each stream NAME it writes DIR/NAME.gob (DIR/NAME.gob.gz for the large one) and
// DIR/NAME.json: {"go": version, "decoded": [...]}, one entry per Decode call until io.EOF,
// either {"error": text} or the Payload with integers as decimal strings and Data as its
// length, SHA-256 and (up to 64 bytes) hex. A stream of several sessions is decoded one
// session at a time, with a decoder each, as a client reading each connection would.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// Payload has the agent's field names and types; gob matches fields by name.
type Payload struct {
	Data []byte
	CPU  int
	Lost uint64
	Type int
}

// Types the agent never sends on the monitor socket, to interleave with payloads.
type notify struct {
	Type int
	Text string
}

type partial struct {
	CPU  int
	Data []byte
}

type wider struct {
	Extra string
	Data  []byte
	CPU   int
	Lost  uint64
	Type  int
	More  []int
}

type wrongCPU struct {
	Data []byte
	CPU  string
}

type nothingShared struct{ Name string }

// Monitor messages from the repository's own encoder (test/live/scripts.ts: drop and trace).
var (
	drop  = mustHex("0185b404630000004a0000004a00010039300000020000000b0000002a0003fd050000000726456483a2c1e0ff1e3d5c7b9ab9d8f71635547392b1d0ef0e2d4c6b8aa9c8e70625446382a1c0dffe1d3c5b7a99b8d7f61534537291b0cfee0d2c4b6a89a8c7e60524436281a0bfde")
	trace = mustHex("04034d00050000004a0000004000010007000000060000000c00010209000000000000000000000000000000000000000726456483a2c1e0ff1e3d5c7b9ab9d8f71635547392b1d0ef0e2d4c6b8aa9c8e70625446382a1c0dffe1d3c5b7a99b8d7f61534537291b0cfee0d2c4b6a89a8")
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// pattern is n deterministic bytes, different for different n.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + n)
	}
	return b
}

// session encodes values with one encoder, as one listener connection does.
func session(values ...any) []byte {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			panic(err)
		}
	}
	return buf.Bytes()
}

func varied() []byte {
	var vs []any
	// Every perf record type and then some, with data of the length-prefix boundaries.
	for t := -2; t <= 20; t++ {
		vs = append(vs, &Payload{Data: pattern(t + 2), CPU: t, Type: t})
	}
	for _, n := range []int{0, 1, 127, 128, 255, 256, 300} {
		vs = append(vs, &Payload{Data: pattern(n), CPU: n, Type: 9})
	}
	vs = append(vs, &Payload{Data: drop, CPU: 3, Type: 9}, &Payload{Data: trace, CPU: 64, Type: 9})
	for _, cpu := range []int{0, 63, 64, -1, -64, math.MaxInt32, math.MinInt32, 1<<53 - 1, -(1<<53 - 1)} {
		vs = append(vs, &Payload{Data: []byte{1}, CPU: cpu, Type: 9})
	}
	for _, lost := range []uint64{0, 1, 127, 128, 1 << 32, 1<<53 - 1, 1 << 53, 1<<53 + 1, math.MaxUint64 - 1, math.MaxUint64} {
		vs = append(vs, &Payload{CPU: 2, Lost: lost, Type: 2})
	}
	for _, t := range []int{255, 256, 1 << 31, -(1 << 31), 1<<53 - 1, -(1<<53 - 1)} {
		vs = append(vs, &Payload{Data: []byte{0xca, 0xfe}, CPU: 1, Type: t})
	}
	// All zero: gob sends no field at all. A sample with a lost count, a lost record with data.
	vs = append(vs, &Payload{}, &Payload{Data: drop, Lost: 5, Type: 9}, &Payload{Data: []byte{9}, Lost: 6, CPU: 7, Type: 2})
	return session(vs...)
}

// extremes: integers a JS number cannot hold exactly, between ordinary payloads.
func extremes() []byte {
	return session(
		&Payload{Data: drop, CPU: 1, Type: 9},
		&Payload{Data: drop, CPU: math.MaxInt64, Type: 9},
		&Payload{Data: trace, CPU: 2, Type: 9},
		&Payload{Data: drop, CPU: math.MinInt64, Type: 9},
		&Payload{Lost: math.MaxUint64, CPU: 3, Type: 2},
		&Payload{Data: []byte{1}, CPU: 4, Type: math.MaxInt64},
		&Payload{Data: []byte{2}, CPU: 5, Type: math.MinInt64},
		&Payload{Data: []byte{3}, CPU: 1 << 53, Type: 9},
		&Payload{Data: trace, CPU: 6, Type: 9},
	)
}

// sessions: three connections' streams one after the other (the type definition again at
// each), the last from an encoder that sent another type first, so that id 64 is redefined
// and Payload has another id.
func sessions() [][]byte {
	return [][]byte{
		session(&Payload{Data: drop, CPU: 1, Type: 9}, &Payload{CPU: 1, Lost: 3, Type: 2}),
		session(&Payload{Data: trace, CPU: 2, Type: 9}),
		session(&notify{Type: 1, Text: "first"}, &Payload{Data: drop, CPU: 3, Type: 9}, &Payload{Data: trace, CPU: 4, Type: 9}),
	}
}

// interleaved: one session mixing Payload with other types, their definitions sent between
// payload values; Go's decoder reads each into a Payload by field name or fails on it.
func interleaved() []byte {
	return session(
		&Payload{Data: drop, CPU: 1, Type: 9},
		&notify{Type: 5, Text: "{\"revision\":7}"},
		&Payload{Data: trace, CPU: 2, Type: 9},
		&partial{CPU: 8, Data: drop},
		&wider{Extra: "x", Data: trace, CPU: 9, Lost: 1, Type: 9, More: []int{1, 2, 3}},
		&wrongCPU{Data: drop, CPU: "zero"},
		&wrongCPU{Data: trace},
		&Payload{CPU: 3, Lost: 11, Type: 2},
		&nothingShared{Name: "n"},
		int64(42),
		"text",
		map[string]int{"CPU": 1},
		&Payload{Data: drop, CPU: 4, Type: 9},
	)
}

// large: data lengths that need 3- and 4-byte gob lengths, up to past 1 MiB.
func large() []byte {
	var vs []any
	for _, n := range []int{65535, 65536, 1 << 20, 1<<20 + 1} {
		vs = append(vs, &Payload{Data: pattern(n), CPU: n & 0xff, Type: 9})
	}
	vs = append(vs, &Payload{Data: drop, CPU: 1, Type: 9})
	return session(vs...)
}

// many: a long session of small payloads, as a busy agent sends them.
func many() []byte {
	var vs []any
	for i := 0; i < 600; i++ {
		switch i % 4 {
		case 0:
			vs = append(vs, &Payload{Data: drop, CPU: i % 96, Type: 9})
		case 1:
			vs = append(vs, &Payload{Data: trace, CPU: i % 96, Type: 9})
		case 2:
			vs = append(vs, &Payload{CPU: i % 96, Lost: uint64(i), Type: 2})
		default:
			vs = append(vs, &Payload{Data: pattern(i % 40), CPU: i % 96, Type: 9})
		}
	}
	return session(vs...)
}

type entry struct {
	Error      string `json:"error,omitempty"`
	CPU        string `json:"cpu,omitempty"`
	Lost       string `json:"lost,omitempty"`
	Type       string `json:"type,omitempty"`
	DataLen    *int   `json:"dataLen,omitempty"`
	DataSha256 string `json:"dataSha256,omitempty"`
	Data       string `json:"data,omitempty"`
}

// decoded is what Go's decoder reads from the stream, one entry per Decode call.
func decoded(stream []byte) []entry {
	dec := gob.NewDecoder(bytes.NewReader(stream))
	var out []entry
	for n := 0; n < 100000; n++ {
		var p Payload
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			out = append(out, entry{Error: err.Error()})
			continue
		}
		sum := sha256.Sum256(p.Data)
		size := len(p.Data)
		e := entry{CPU: strconv.Itoa(p.CPU), Lost: strconv.FormatUint(p.Lost, 10), Type: strconv.Itoa(p.Type), DataLen: &size, DataSha256: hex.EncodeToString(sum[:])}
		if size <= 64 {
			e.Data = hex.EncodeToString(p.Data)
		}
		out = append(out, e)
	}
	panic("the decoder does not reach the end")
}

func write(dir, name string, gz bool, sessions ...[]byte) {
	var stream []byte
	var entries []entry
	for _, s := range sessions {
		stream = append(stream, s...)
		entries = append(entries, decoded(s)...)
	}
	file := filepath.Join(dir, name+".gob")
	data := stream
	if gz {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(stream)
		w.Close()
		file += ".gz"
		data = buf.Bytes()
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		panic(err)
	}
	// One entry a line: diffs stay readable, the file small.
	var text bytes.Buffer
	fmt.Fprintf(&text, "{\"go\": %q, \"decoded\": [\n", runtime.Version())
	for i, e := range entries {
		line, _ := json.Marshal(e)
		text.Write(line)
		if i < len(entries)-1 {
			text.WriteString(",")
		}
		text.WriteString("\n")
	}
	text.WriteString("]}\n")
	if err := os.WriteFile(filepath.Join(dir, name+".json"), text.Bytes(), 0o644); err != nil {
		panic(err)
	}
}

func main() {
	dir := flag.String("out", "", "output directory")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: gob-streams -out DIR")
		os.Exit(2)
	}
	write(*dir, "varied", false, varied())
	write(*dir, "extremes", false, extremes())
	write(*dir, "sessions", false, sessions()...)
	write(*dir, "interleaved", false, interleaved())
	write(*dir, "many", false, many())
	write(*dir, "large", true, large())
}
