// Command chart draws the results of bench/load/cmd/loadbench as a PNG:
// throughput by backend and operation, the servers' CPU time per
// operation, and client's and server's together, on log scales.
//
//	cd bench && go run ./chart -in results/load.json -out chart/throughput.png
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"

	"github.com/dokklib/db/bench/load"
)

func main() {
	in := flag.String("in", "results/load.json", "the results `FILE` that loadbench wrote")
	out := flag.String("out", "chart/throughput.png", "the PNG `FILE` to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var r load.Results
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	img := render(&r)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// The backends' colours.
var colors = map[string]color.RGBA{
	load.EngineHTTP:    {0x1f, 0x77, 0xb4, 0xff},
	load.NoopHTTP:      {0x8c, 0x8c, 0x8c, 0xff},
	load.DynamoDBLocal: {0xff, 0x7f, 0x0e, 0xff},
	load.EngineInProc:  {0x2c, 0xa0, 0x2c, 0xff},
	load.NoopInProc:    {0xc7, 0xc7, 0xc7, 0xff},
}

// backends are the backends drawn, in order.
var backends = []string{load.EngineHTTP, load.NoopHTTP, load.DynamoDBLocal, load.EngineInProc, load.NoopInProc}

// The chart's size.
const (
	width       = 1280
	titleHeight = 50
	panelHeight = 400
)

// render draws the chart of r's summary.
func render(r *load.Results) image.Image {
	c := newCanvas(width, titleHeight+3*panelHeight)
	c.text(20, 22, black, fmt.Sprintf("dokklib engine vs. DynamoDB Local and a no-op server: one run, medians of its rounds (%d), "+
		"%d CPUs, shared and noisy: compare bars within a group", rounds(r), r.Machine.CPUs))
	c.text(20, 40, gray, "Measured by: "+r.Command)
	top := image.Rect(0, titleHeight, width, titleHeight+panelHeight)
	c.drawPanel(top, panel{
		title:  "Throughput (operations per second, log scale; higher is better)",
		series: seriesOf(r.Summary, backends, func(p load.Phase) float64 { return p.Throughput }),
	})
	c.drawPanel(top.Add(image.Pt(0, panelHeight)), panel{
		title:  "Server process CPU per operation over HTTP (microseconds, log scale; lower is better)",
		series: seriesOf(r.Summary, []string{load.EngineHTTP, load.NoopHTTP, load.DynamoDBLocal}, func(p load.Phase) float64 { return p.ServerCPU }),
	})
	c.drawPanel(top.Add(image.Pt(0, 2*panelHeight)), panel{
		title:  "All CPU per operation: client and server together (microseconds, log scale; lower is better)",
		series: seriesOf(r.Summary, backends, func(p load.Phase) float64 { return p.ServerCPU + p.ProcessCPU }),
	})
	return c.img
}

// rounds returns how many rounds the run had.
func rounds(r *load.Results) int {
	n := 0
	for _, p := range r.Phases {
		n = max(n, p.Round)
	}
	return n
}

// seriesOf returns a series of figure for each backend measured, with a
// value for each operation.
func seriesOf(summary []load.Phase, backends []string, figure func(load.Phase) float64) []series {
	var out []series
	for _, b := range backends {
		s := series{name: b, color: colors[b], values: make([]float64, len(load.OpNames))}
		found := false
		for i, op := range load.OpNames {
			if p, ok := load.Find(summary, b, op); ok {
				s.values[i], found = figure(p), true
			}
		}
		if found {
			out = append(out, s)
		}
	}
	return out
}
