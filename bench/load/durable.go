package load

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/dokklib/db/local"
)

// The backends that keep their tables on disk: the engine's server with
// -data, and local.Open in process.
const (
	EngineDiskHTTP   = "engine (disk, HTTP)"
	EngineDiskInProc = "engine (disk, in process)"
)

// DurableOps are the write operations measured on disk beside memory.
var DurableOps = []string{OpPut, OpTransact, OpBatch}

// DurableWriters are the numbers of concurrent writers of the durable
// phases: one alone, whose every write waits for its own sync, and
// several, whose writes share syncs.
var DurableWriters = []int{1, 8}

// Durable is what DurableOps measured with Writers concurrent writers on
// the engine on disk and in memory, over HTTP and in process, every round.
type Durable struct {
	Writers int     `json:"writers"`
	Phases  []Phase `json:"phases"`
}

// durableTargets are the targets of the durable phases and what closes
// those they opened.
type durableTargets struct {
	targets []Target
	closers []func()
}

// close closes what the targets opened, last first.
func (d *durableTargets) close() {
	for i := len(d.closers) - 1; i >= 0; i-- {
		d.closers[i]()
	}
}

// openDurableTargets starts the engine's server with -data in a temporary
// directory and opens an engine in process on another, each with the
// workload's table, beside the in-memory engine's server and engine
// (memHTTP and memInProc). Its clients have connections for writers.
func openDurableTargets(ctx context.Context, engineBin []string, memHTTP *Server, memInProc *Workload, writers int) (*durableTargets, error) {
	d := &durableTargets{}
	srv, err := startDiskServer(ctx, engineBin)
	if err != nil {
		return nil, err
	}
	d.closers = append(d.closers, func() { _ = srv.Close() })
	dir, err := os.MkdirTemp("", "loadbench-open")
	if err != nil {
		d.close()
		return nil, err
	}
	d.closers = append(d.closers, func() { _ = os.RemoveAll(dir) })
	eng, err := local.Open(dir, local.WithTTLInterval(0))
	if err != nil {
		d.close()
		return nil, fmt.Errorf("load: open %s: %w", dir, err)
	}
	d.closers = append(d.closers, func() { _ = eng.Close() })
	d.targets = []Target{
		{Name: EngineHTTP, Workload: &Workload{Client: HTTPClient(memHTTP.Endpoint, writers)}, ServerCPU: memHTTP.CPU},
		{Name: EngineDiskHTTP, Workload: &Workload{Client: HTTPClient(srv.Endpoint, writers)}, ServerCPU: srv.CPU},
		{Name: EngineInProc, Workload: memInProc},
		{Name: EngineDiskInProc, Workload: &Workload{Client: EngineClient(eng)}},
	}
	for _, i := range []int{1, 3} { // the memory backends have the table
		if err == nil {
			err = d.targets[i].Workload.CreateTable(ctx)
		}
	}
	if err != nil {
		d.close()
		return nil, fmt.Errorf("load: durable targets: %w", err)
	}
	return d, nil
}

// startDiskServer starts the engine's server with -data in a temporary
// directory, which Close removes.
func startDiskServer(ctx context.Context, engineBin []string) (*Server, error) {
	dir, err := os.MkdirTemp("", "loadbench-data")
	if err != nil {
		return nil, err
	}
	argv := append(append([]string(nil), engineBin...), "-data", dir)
	srv, err := StartProcess(ctx, EngineDiskHTTP, argv...)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop := srv.stop
	srv.stop = func() error {
		err := stop()
		os.RemoveAll(dir)
		return err
	}
	return srv, nil
}

// MeasureDurable runs DurableOps on the targets with each of
// DurableWriters, rounds rounds of bounds each, the targets interleaved.
func MeasureDurable(ctx context.Context, suite Suite, targets []Target) []Durable {
	suite.Ops = DurableOps
	var out []Durable
	for _, writers := range DurableWriters {
		s := suite
		s.Bounds.Workers, s.Warmup.Workers = writers, writers
		s.Warmup.Count = min(s.Warmup.Count, 200)
		s.Warm(ctx, targets)
		out = append(out, Durable{Writers: writers, Phases: s.Run(ctx, targets)})
	}
	return out
}

// durableRounds bounds the rounds of the durable phases, which run each
// operation on four backends with two numbers of writers.
const durableRounds = 3

// runDurable measures the durable phases beside the in-memory engine's
// server and in-process engine among targets.
func runDurable(ctx context.Context, c Config, servers []*Server, inproc []Target, r *Results) error {
	memHTTP := findServer(servers, EngineHTTP)
	if memHTTP == nil || len(inproc) == 0 {
		return nil
	}
	c.Log("durable writes")
	d, err := openDurableTargets(ctx, c.Servers.EngineBin, memHTTP, inproc[0].Workload, slices.Max(DurableWriters))
	if err != nil {
		return err
	}
	defer d.close()
	suite := c.suite()
	suite.Rounds = min(suite.Rounds, durableRounds)
	start := time.Now()
	r.Durable = MeasureDurable(ctx, suite, d.targets)
	c.Log("durable writes took %v", time.Since(start).Round(time.Millisecond))
	return nil
}

// findServer returns the server called name, or nil.
func findServer(servers []*Server, name string) *Server {
	for _, s := range servers {
		if s.Name == name {
			return s
		}
	}
	return nil
}
