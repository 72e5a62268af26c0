// The Go anchor of bench/decode.bench.mjs: a field-by-field decode of the same monitor
// messages, written the way Cilium's Go decoders read them (encoding/binary, little endian,
// one struct per message allocated on the heap as `&DropNotify{}` + `Decode` does), with no
// dependencies beyond the standard library.
//
//	go run decode.go EVENTS.bin [SECONDS]
//
// EVENTS.bin uses the `bin` framing of docs/cli.md. Prints one JSON line:
// {"events":N,"nsPerEvent":X,"go":"go1.x"}: nanoseconds of this process's CPU time (all its
// threads, the garbage collector's included) per event, as the JavaScript side is timed.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

var le = binary.LittleEndian

type captureHeader struct {
	Type, Subtype uint8
	Source        uint16
	Hash          uint32
	OrigLen       uint32
	CapLen        uint16
	Version       uint8
	ExtVersion    uint8
}

type dropNotify struct {
	captureHeader
	SrcLabel, DstLabel, DstID uint32
	Line                      uint16
	File                      uint8
	ExtError                  int8
	Ifindex                   uint32
	Flags                     uint8
	IPTraceID                 uint64
	Packet                    []byte
}

type traceNotify struct {
	captureHeader
	SrcLabel, DstLabel uint32
	DstID              uint16
	Reason, Flags      uint8
	Ifindex            uint32
	OrigIP             [16]byte
	IPTraceID          uint64
	Packet             []byte
}

type policyVerdict struct {
	captureHeader
	RemoteLabel uint32
	Verdict     int32
	DstPort     uint16
	Proto       uint8
	Flags       uint8
	AuthType    uint8
	Cookie      uint32
	Packet      []byte
}

var errShort = errors.New("message too short")

func decodeHeader(b []byte, h *captureHeader) {
	h.Type, h.Subtype = b[0], b[1]
	h.Source = le.Uint16(b[2:])
	h.Hash = le.Uint32(b[4:])
	h.OrigLen = le.Uint32(b[8:])
	h.CapLen = le.Uint16(b[12:])
	h.Version, h.ExtVersion = b[14], b[15]
}

func packet(b []byte, at int, capLen uint16) []byte {
	end := at + int(capLen)
	if end > len(b) {
		end = len(b)
	}
	return b[at:end]
}

// dropLengths: header length per drop version (0 and 1: 36, 2: 40, 3: 48).
var dropLengths = [...]int{36, 36, 40, 48}

func decodeDrop(b []byte) (*dropNotify, error) {
	if len(b) < 36 {
		return nil, errShort
	}
	d := &dropNotify{}
	decodeHeader(b, &d.captureHeader)
	if int(d.Version) >= len(dropLengths) || len(b) < dropLengths[d.Version] {
		return nil, errShort
	}
	d.SrcLabel, d.DstLabel, d.DstID = le.Uint32(b[16:]), le.Uint32(b[20:]), le.Uint32(b[24:])
	d.Line, d.File, d.ExtError = le.Uint16(b[28:]), b[30], int8(b[31])
	d.Ifindex = le.Uint32(b[32:])
	if d.Version >= 2 {
		d.Flags = b[36]
	}
	if d.Version >= 3 {
		d.IPTraceID = le.Uint64(b[40:])
	}
	d.Packet = packet(b, dropLengths[d.Version], d.CapLen)
	return d, nil
}

func decodeTrace(b []byte) (*traceNotify, error) {
	if len(b) < 48 {
		return nil, errShort
	}
	t := &traceNotify{}
	decodeHeader(b, &t.captureHeader)
	t.SrcLabel, t.DstLabel = le.Uint32(b[16:]), le.Uint32(b[20:])
	t.DstID, t.Reason, t.Flags = le.Uint16(b[24:]), b[26], b[27]
	t.Ifindex = le.Uint32(b[28:])
	copy(t.OrigIP[:], b[32:48])
	n := 48
	if t.Version >= 2 {
		if len(b) < 56 {
			return nil, errShort
		}
		t.IPTraceID = le.Uint64(b[48:])
		n = 56
	}
	t.Packet = packet(b, n, t.CapLen)
	return t, nil
}

func decodePolicy(b []byte) (*policyVerdict, error) {
	if len(b) < 40 {
		return nil, errShort
	}
	p := &policyVerdict{}
	decodeHeader(b, &p.captureHeader)
	p.RemoteLabel, p.Verdict = le.Uint32(b[16:]), int32(le.Uint32(b[20:]))
	p.DstPort, p.Proto, p.Flags, p.AuthType = le.Uint16(b[24:]), b[26], b[27], b[28]
	p.Cookie = le.Uint32(b[32:])
	p.Packet = packet(b, 40, p.CapLen)
	return p, nil
}

// sink keeps every decoded event reachable, so each one is a heap object as in Cilium.
var sink any
var total uint64

func decode(b []byte) error {
	switch b[0] {
	case 1:
		d, err := decodeDrop(b)
		if err != nil {
			return err
		}
		sink, total = d, total+uint64(d.Source)+uint64(d.OrigLen)+uint64(d.SrcLabel)+uint64(d.Line)+uint64(len(d.Packet))
	case 4:
		t, err := decodeTrace(b)
		if err != nil {
			return err
		}
		sink, total = t, total+uint64(t.Source)+uint64(t.OrigLen)+uint64(t.SrcLabel)+uint64(t.Reason)+uint64(len(t.Packet))
	case 5:
		p, err := decodePolicy(b)
		if err != nil {
			return err
		}
		sink, total = p, total+uint64(p.Source)+uint64(p.OrigLen)+uint64(p.RemoteLabel)+uint64(p.DstPort)+uint64(len(p.Packet))
	default:
		return fmt.Errorf("message type %d is not in this anchor", b[0])
	}
	return nil
}

func readBin(path string) ([][]byte, error) {
	all, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(all) < 8 || string(all[:6]) != "CEVBIN" {
		return nil, errors.New("not a CEVBIN file")
	}
	var msgs [][]byte
	for at := 8; at+4 <= len(all); {
		n := int(le.Uint32(all[at:]))
		if at+4+n > len(all) {
			return nil, errors.New("truncated frame")
		}
		msgs = append(msgs, all[at+4:at+4+n])
		at += 4 + n
	}
	return msgs, nil
}

// cpuNanos is the user and system CPU time of this process so far.
func cpuNanos() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: decode EVENTS.bin [SECONDS]")
		os.Exit(2)
	}
	msgs, err := readBin(os.Args[1])
	if err == nil && len(msgs) == 0 {
		err = errors.New("no messages")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	seconds := 1.0
	if len(os.Args) > 2 {
		seconds, _ = strconv.ParseFloat(os.Args[2], 64)
	}
	pass := func() {
		for _, m := range msgs {
			if err := decode(m); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	for i := 0; i < 20; i++ {
		pass()
	}
	events := 0
	cpu0 := cpuNanos()
	start := time.Now()
	for time.Since(start).Seconds() < seconds {
		pass()
		events += len(msgs)
	}
	ns := float64(cpuNanos()-cpu0) / float64(events)
	out, _ := json.Marshal(map[string]any{"events": events, "nsPerEvent": ns, "go": runtime.Version(), "check": total % 1000})
	fmt.Println(string(out))
}
