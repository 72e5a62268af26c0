//go:build oracle_monitor_stdout

package main

import "github.com/cilium/cilium/pkg/monitor/format"

// Up to 1.18 the formatter prints straight to os.Stdout.
func monitorFormat(mode string, data []byte, cpu int) {
	m := monitorFlagsOf(mode)
	levels := [...]format.Verbosity{format.INFO, format.DEBUG, format.VERBOSE, format.JSON}
	f := format.NewMonitorFormatter(levels[m.level], numericLinks{})
	f.Hex, f.JSONOutput, f.Numeric = m.hex, m.json, m.numeric
	f.FormatSample(data, cpu)
}
