// Command loadbench measures the embedded engine of github.com/dokklib/db
// against AWS's DynamoDB Local and a no-op server, over HTTP and in
// process, and writes the results as JSON and Markdown.
//
//	cd bench && go run ./load/cmd/loadbench -out results/load.json
//
// It starts every server it measures as a child process on a free loopback
// port and stops it when done. With -serve it is itself one of those
// servers.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
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

func run() error {
	serve := flag.String("serve", "", "serve `BACKEND` (noop or engine) over HTTP instead of measuring")
	addr := flag.String("addr", "127.0.0.1:8000", "loopback address for -serve")
	profiling := flag.Bool("pprof", false, "with -serve, serve /debug/pprof/profile too")
	workers := flag.Int("workers", 4, "concurrent workers of each phase")
	phaseTime := flag.Duration("time", 2*time.Second, "time bound of each phase")
	phaseCount := flag.Int("count", 200000, "operation count bound of each phase")
	rounds := flag.Int("rounds", 2, "rounds of every phase; figures are the rounds' medians")
	warmup := flag.Int("warmup", 1000, "warm-up operations of each kind on each backend")
	ddb := flag.Bool("dynamodb-local", true, "measure DynamoDB Local too (needs Java)")
	flag.Parse()
	if *serve != "" {
		return serveBackend(*serve, *addr, *profiling)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	tmp, err := os.MkdirTemp("", "loadbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := load.BuildEngine(ctx, tmp)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	spec := load.ServerSpec{EngineBin: []string{bin}, NoopBin: []string{self, "-serve", "noop"}}
	if *ddb {
		wd, _ := os.Getwd()
		if spec.DynamoDBLocalScript, err = load.FindScript(wd); err != nil {
			return err
		}
	}
	servers, err := load.StartServers(ctx, spec)
	if err != nil {
		return err
	}
	defer load.CloseServers(servers)
	for _, s := range servers {
		load.Stderr("%s started in %v (PID %d, %s)", s.Name, s.Startup, s.PID, s.Endpoint)
	}
	suite := load.Suite{
		Ops:    load.OpNames,
		Bounds: load.Bounds{Workers: *workers, Count: *phaseCount, Time: *phaseTime},
		Warmup: load.Bounds{Workers: *workers, Count: *warmup, Time: 30 * time.Second},
		Rounds: *rounds,
		Log:    load.Stderr,
	}
	targets := load.HTTPTargets(servers, *workers, 10)
	if err := suite.Setup(ctx, targets); err != nil {
		return err
	}
	suite.Warm(ctx, targets)
	suite.Run(ctx, targets)
	return nil
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
