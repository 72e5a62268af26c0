//go:build oracle_monitor_stdout

package main

import "github.com/cilium/cilium/pkg/monitor/format"

// Up to 1.18 the formatter prints straight to os.Stdout.
func monitorFormat(mode string, data []byte, cpu int) {
	f := format.NewMonitorFormatter(format.INFO, numericLinks{})
	switch mode {
	case "verbose":
		f.Verbosity = format.DEBUG
	case "dissect":
		f.Verbosity = format.VERBOSE
	case "hex":
		f.Verbosity = format.VERBOSE
		f.Hex = true
	case "json":
		f.Verbosity = format.JSON
		f.JSONOutput = true
	case "numeric":
		f.Numeric = true
	}
	f.FormatSample(data, cpu)
}
