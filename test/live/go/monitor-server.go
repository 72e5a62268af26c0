// monitor-server serves monitor payloads on a unix socket the way the Cilium agent's
// monitor1_2 listener writes them: one gob encoder per connection, one Encode per payload, so
// the type definition goes out once per connection, before the first value. Written for the
// cilium-events tests and benchmarks; the standard library only.
//
// usage: monitor-server -socket PATH -script FILE [-record PREFIX]
//
// The script has one step per line (blank lines and # comments are skipped):
//
//	sample CPU HEX          Payload{Data: HEX, CPU: CPU, Type: 9}
//	lost CPU N              Payload{CPU: CPU, Lost: N, Type: 2} (N is a uint64)
//	other TYPE CPU HEX      Payload{Data: HEX, CPU: CPU, Type: TYPE}
//	repeat N STEP           STEP (a sample, lost or other line) N times
//	raw HEX                 these bytes, written as they are (a hand-made corrupt message)
//	cut K                   the first K bytes of the next step's encoding, then the connection
//	                        is closed; the rest of the script goes to the next connection
//	close                   close the connection; the rest goes to the next connection
//	restart MS              close the connection and the listener, remove the socket file,
//	                        wait MS milliseconds, listen again (as an agent restart does)
//	sleep MS                wait MS milliseconds
//
// "listening PATH" is printed on stdout whenever the socket accepts connections, "done" when
// the script has ended (the connection is then closed). With -record, the bytes of connection
// n (from 1) are also written to PREFIX-n.gob.
package main

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// Payload has the agent's field names and types; gob matches fields by name.
type Payload struct {
	Data []byte
	CPU  int
	Lost uint64
	Type int
}

// redirect lets one encoder (one gob session) write somewhere else for a moment.
type redirect struct{ w io.Writer }

func (r *redirect) Write(b []byte) (int, error) { return r.w.Write(b) }

type server struct {
	path     string
	record   string
	listener net.Listener
	conn     net.Conn
	out      io.Writer
	target   *redirect
	enc      *gob.Encoder
	count    int
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "monitor-server: "+format+"\n", args...)
	os.Exit(2)
}

func (s *server) listen() {
	os.Remove(s.path)
	l, err := net.Listen("unix", s.path)
	if err != nil {
		fail("listen %s: %v", s.path, err)
	}
	s.listener = l
	fmt.Printf("listening %s\n", s.path)
}

// accept waits for the next client; each connection gets its own encoder, as in the agent.
func (s *server) accept() {
	c, err := s.listener.Accept()
	if err != nil {
		fail("accept: %v", err)
	}
	s.conn = c
	s.out = c
	s.count++
	if s.record != "" {
		f, err := os.Create(fmt.Sprintf("%s-%d.gob", s.record, s.count))
		if err != nil {
			fail("record: %v", err)
		}
		s.out = io.MultiWriter(c, f)
	}
	s.target = &redirect{s.out}
	s.enc = gob.NewEncoder(s.target)
}

func (s *server) hangUp() {
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
}

func (s *server) ensureConn() {
	if s.conn == nil {
		s.accept()
	}
}

func number(text string, bits int) int64 {
	v, err := strconv.ParseInt(text, 10, bits)
	if err != nil {
		fail("bad number %q: %v", text, err)
	}
	return v
}

func bytesOf(text string) []byte {
	b, err := hex.DecodeString(text)
	if err != nil {
		fail("bad hex %q: %v", text, err)
	}
	return b
}

// payloadOf parses a sample, lost or other step; ok is false for other steps.
func payloadOf(f []string) (p Payload, ok bool) {
	switch {
	case f[0] == "sample" && len(f) == 3:
		return Payload{Data: bytesOf(f[2]), CPU: int(number(f[1], 64)), Type: 9}, true
	case f[0] == "lost" && len(f) == 3:
		lost, err := strconv.ParseUint(f[2], 10, 64)
		if err != nil {
			fail("bad lost count %q: %v", f[2], err)
		}
		return Payload{CPU: int(number(f[1], 64)), Lost: lost, Type: 2}, true
	case f[0] == "other" && len(f) == 4:
		return Payload{Data: bytesOf(f[3]), CPU: int(number(f[2], 64)), Type: int(number(f[1], 64))}, true
	}
	return Payload{}, false
}

func (s *server) send(p *Payload) bool {
	s.ensureConn()
	if err := s.enc.Encode(p); err != nil {
		// The client went away: the agent drops such a listener; here the script goes on
		// with the next connection.
		fmt.Fprintf(os.Stderr, "monitor-server: write: %v\n", err)
		s.hangUp()
		return false
	}
	return true
}

func main() {
	path := flag.String("socket", "", "unix socket path")
	script := flag.String("script", "", "script file")
	record := flag.String("record", "", "write each connection's bytes to PREFIX-n.gob")
	flag.Parse()
	if *path == "" || *script == "" {
		fail("usage: monitor-server -socket PATH -script FILE [-record PREFIX]")
	}
	text, err := os.ReadFile(*script)
	if err != nil {
		fail("%v", err)
	}
	s := &server{path: *path, record: *record}
	s.listen()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	for i := 0; i < len(lines); i++ {
		f := strings.Fields(lines[i])
		if p, ok := payloadOf(f); ok {
			s.send(&p)
			continue
		}
		switch f[0] {
		case "repeat":
			p, ok := payloadOf(f[2:])
			if !ok {
				fail("repeat: not a payload step: %q", lines[i])
			}
			for n := number(f[1], 64); n > 0; n-- {
				if !s.send(&p) {
					break
				}
			}
		case "raw":
			s.ensureConn()
			s.out.Write(bytesOf(f[1]))
		case "cut":
			if i+1 >= len(lines) {
				fail("cut: no step after it")
			}
			i++
			p, ok := payloadOf(strings.Fields(lines[i]))
			if !ok {
				fail("cut: not a payload step: %q", lines[i])
			}
			s.ensureConn()
			// Encode with this connection's encoder (its gob session) into a buffer, then send
			// only a prefix of that message.
			var buf bytes.Buffer
			s.target.w = &buf
			if err := s.enc.Encode(&p); err != nil {
				fail("encode: %v", err)
			}
			whole := buf.Bytes()
			k := int(number(f[1], 32))
			if k > len(whole) {
				k = len(whole)
			}
			s.out.Write(whole[:k])
			s.hangUp()
		case "close":
			s.hangUp()
		case "restart":
			s.hangUp()
			s.listener.Close()
			os.Remove(s.path)
			time.Sleep(time.Duration(number(f[1], 32)) * time.Millisecond)
			s.listen()
		case "sleep":
			time.Sleep(time.Duration(number(f[1], 32)) * time.Millisecond)
		default:
			fail("unknown step %q", lines[i])
		}
	}
	s.hangUp()
	fmt.Println("done")
}
