//go:build !oracle_monitor_stdout

package main

import (
	"os"

	monitorAPI "github.com/cilium/cilium/pkg/monitor/api"
	"github.com/cilium/cilium/pkg/monitor/format"
)

// From 1.19 the formatter writes through a buffered writer it flushes after every sample.
func monitorFormat(mode string, data []byte, cpu int) {
	m := monitorFlagsOf(mode)
	levels := [...]monitorAPI.Verbosity{monitorAPI.INFO, monitorAPI.DEBUG, monitorAPI.VERBOSE, monitorAPI.JSON}
	f := format.NewMonitorFormatter(levels[m.level], numericLinks{}, os.Stdout)
	f.Hex, f.JSONOutput, f.Numeric = m.hex, m.json, m.numeric
	f.FormatSample(data, cpu)
}
