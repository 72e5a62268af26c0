//go:build !oracle_monitor_stdout

package main

import (
	"os"

	monitorAPI "github.com/cilium/cilium/pkg/monitor/api"
	"github.com/cilium/cilium/pkg/monitor/format"
)

// From 1.19 the formatter writes through a buffered writer it flushes after every sample.
func monitorFormat(mode string, data []byte, cpu int) {
	f := format.NewMonitorFormatter(monitorAPI.INFO, numericLinks{}, os.Stdout)
	switch mode {
	case "verbose":
		f.Verbosity = monitorAPI.DEBUG
	case "dissect":
		f.Verbosity = monitorAPI.VERBOSE
	case "hex":
		f.Verbosity = monitorAPI.VERBOSE
		f.Hex = true
	case "json":
		f.Verbosity = monitorAPI.JSON
		f.JSONOutput = true
	case "numeric":
		f.Numeric = true
	}
	f.FormatSample(data, cpu)
}
