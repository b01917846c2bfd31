// Command loadbench measures the embedded engine of github.com/dokklib/db
// against AWS's DynamoDB Local and a no-op server, over HTTP and in
// process, and writes the results as JSON and as Markdown tables of ratios.
//
//	cd bench && go run ./load/cmd/loadbench -json results/load.json -markdown ../BENCHMARKS.md
//
// It starts every server it measures as a child process on a free loopback
// port and stops it when done; with -serve it is itself one of them.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/dokklib/db/bench/load"
	"github.com/dokklib/db/local"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// flags are the command's options.
type flags struct {
	serve, addr    string
	profiling      bool
	startupProbe   bool
	ddb            bool
	jsonOut, mdOut string
	from           string
	cfg            load.Config
	short          bool
}

func parseFlags() *flags {
	f := &flags{}
	c := &f.cfg
	flag.StringVar(&f.serve, "serve", "", "serve `BACKEND` (noop or engine) over HTTP instead of measuring")
	flag.StringVar(&f.addr, "addr", "127.0.0.1:8000", "loopback address for -serve")
	flag.BoolVar(&f.profiling, "pprof", false, "with -serve, serve /debug/pprof/profile too")
	flag.BoolVar(&f.startupProbe, "startup-probe", false, "print the in-process engine's start-up time in ns and exit")
	flag.BoolVar(&f.ddb, "dynamodb-local", true, "measure DynamoDB Local too (needs Java; scripts/dynamodb-local.sh installs it)")
	flag.StringVar(&f.jsonOut, "json", "results/load.json", "write the results as JSON to `FILE`")
	flag.StringVar(&f.mdOut, "markdown", "results/load.md", "write the Markdown tables between loadbench's markers in `FILE`")
	flag.StringVar(&f.from, "from", "", "measure nothing: write the Markdown of the results in `FILE`, which an earlier run wrote")
	flag.BoolVar(&f.short, "short", false, "a quick run: short phases, one round, tables of 1k and 100k items, unless other flags say otherwise")
	flag.IntVar(&c.Workers, "workers", 4, "concurrent workers of each phase")
	flag.DurationVar(&c.PhaseTime, "time", 1500*time.Millisecond, "time bound of each phase")
	flag.IntVar(&c.PhaseCount, "count", 1_000_000, "operation count bound of each phase")
	flag.IntVar(&c.Rounds, "rounds", 5, "rounds of every phase; ratios are the medians of the rounds' ratios")
	flag.IntVar(&c.Warmup, "warmup", 2000, "warm-up operations of each kind on each backend")
	flag.IntVar(&c.Partitions, "partitions", 10, "seeded partitions of 100 items for GetItem and Query")
	flag.IntVar(&c.StartupRuns, "startup-runs", 9, "start-ups of the in-process engine measured")
	flag.IntVar(&c.OverheadSlices, "overhead-slices", 20, "alternating slices of the library and the raw SDK")
	flag.DurationVar(&c.OverheadSlice, "overhead-slice", 200*time.Millisecond, "time of each slice")
	flag.IntVar(&c.SmallItems, "small", 10_000, "items of the small table")
	flag.IntVar(&c.LargeItems, "large", 1_000_000, "items of the large table, whose memory is measured too (0 skips both)")
	c.LargeTables = []int{1_000_000, 5_000_000}
	flag.Var((*intList)(&c.LargeTables), "large-tables", "comma-separated `SIZES` of the tables whose memory and start-up are measured in memory and on disk (\"\" skips them)")
	flag.DurationVar(&c.SustainTime, "sustain", time.Minute, "time of the sustained mixed load whose heap is sampled (0 skips it)")
	flag.IntVar(&c.SustainItems, "sustain-items", 100_000, "items of the sustained load's table")
	flag.StringVar(&c.ProfileDir, "profile", "", "write CPU profiles of the engine, as a server and in process, into `DIR`")
	flag.Parse()
	if f.short {
		f.shorten()
	}
	c.Command = strings.TrimSpace("cd bench && go run ./load/cmd/loadbench " + strings.Join(os.Args[1:], " "))
	return f
}

// shorten sets the options of a quick run that were not given.
func (f *flags) shorten() {
	given := make(map[string]bool)
	flag.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	short := map[string]string{
		"time": "500ms", "rounds": "1", "warmup": "300", "startup-runs": "3",
		"overhead-slices": "3", "overhead-slice": "100ms", "small": "1000", "large": "100000",
		"large-tables": "100000", "sustain": "10s", "sustain-items": "10000",
	}
	for name, v := range short {
		if !given[name] {
			_ = flag.Set(name, v) // the values parse
		}
	}
}

func run() error {
	f := parseFlags()
	switch {
	case f.serve != "":
		return serveBackend(f.serve, f.addr, f.profiling)
	case f.startupProbe:
		d, err := load.InProcStartup(context.Background())
		fmt.Println(d.Nanoseconds())
		return err
	case f.from != "":
		return f.rewrite()
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := f.configure(ctx); err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(f.cfg.Servers.EngineBin[0]))
	r, err := load.RunAll(ctx, f.cfg)
	if err != nil {
		return err
	}
	return f.write(r)
}

// configure builds the engine's server and names the commands to start.
func (f *flags) configure(ctx context.Context) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "loadbench")
	if err != nil {
		return err
	}
	bin, err := load.BuildEngine(ctx, tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	c := &f.cfg
	c.Log = load.Stderr
	c.Servers = load.ServerSpec{EngineBin: []string{bin}, NoopBin: []string{self, "-serve", "noop"}}
	c.StartupProbe = []string{self, "-startup-probe"}
	c.ProfileServer = []string{self, "-serve", "engine", "-pprof"}
	if f.ddb {
		wd, _ := os.Getwd()
		c.Servers.DynamoDBLocalScript, err = load.FindScript(wd)
	}
	return err
}

// rewrite writes the Markdown of earlier results, with their goals
// evaluated again.
func (f *flags) rewrite() error {
	b, err := os.ReadFile(f.from)
	if err != nil {
		return err
	}
	var r load.Results
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", f.from, err)
	}
	r.Goals = r.Evaluate()
	f.jsonOut = f.from
	return f.write(&r)
}

// write writes the results as JSON and Markdown.
func (f *flags) write(r *load.Results) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	var md bytes.Buffer
	r.WriteMarkdown(&md)
	os.Stdout.Write(md.Bytes())
	for _, path := range []string{f.jsonOut, f.mdOut} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(f.jsonOut, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return load.UpdateMarkdown(f.mdOut, md.Bytes())
}

// serveBackend serves a backend as a child process of a measuring run.
func serveBackend(name, addr string, profiling bool) error {
	switch name {
	case "noop":
		return load.Serve(addr, load.NewNoop(), profiling)
	case "engine":
		eng := local.New()
		defer eng.Close()
		return load.Serve(addr, eng, profiling)
	}
	return fmt.Errorf("-serve %q: want noop or engine", name)
}
