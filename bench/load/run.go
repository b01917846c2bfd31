package load

import (
	"context"
	"fmt"
	"time"
)

// Config says what a run measures and for how long.
type Config struct {
	Command    string // the command line, for the report
	Workers    int
	PhaseTime  time.Duration
	PhaseCount int
	Rounds     int
	Warmup     int // operations of each kind on each backend
	// Partitions are the seeded partitions of the load phases' table.
	Partitions int
	Servers    ServerSpec
	// StartupProbe is a command that prints InProcStartup's figure.
	StartupProbe []string
	StartupRuns  int
	// OverheadSlices of OverheadSlice each measure the library's overhead.
	OverheadSlices int
	OverheadSlice  time.Duration
	// SmallItems and LargeItems are the table sizes compared; LargeItems is
	// also the table whose memory is measured. 0 skips both.
	SmallItems, LargeItems int
	// LargeTables are the sizes of the tables whose memory and start-up
	// are measured in memory and on disk.
	LargeTables []int
	// SustainTime bounds the sustained mixed load on a table of
	// SustainItems items; 0 skips it.
	SustainTime  time.Duration
	SustainItems int
	// ProfileDir receives CPU profiles when not empty; ProfileServer serves
	// the engine with /debug/pprof/profile.
	ProfileDir    string
	ProfileServer []string
	Log           func(format string, args ...any)
}

// suite returns the load suite of the configuration.
func (c *Config) suite() Suite {
	return Suite{
		Ops:    OpNames,
		Bounds: Bounds{Workers: c.Workers, Count: c.PhaseCount, Time: c.PhaseTime},
		Warmup: Bounds{Workers: c.Workers, Count: c.Warmup, Time: 30 * time.Second},
		Rounds: c.Rounds,
		Log:    c.Log,
	}
}

// RunAll runs every measurement the configuration asks for.
func RunAll(ctx context.Context, c Config) (*Results, error) {
	if c.Log == nil {
		c.Log = func(string, ...any) {}
	}
	r := &Results{Machine: ThisMachine(), Command: c.Command}
	if err := runServers(ctx, c, r); err != nil {
		return nil, err
	}
	if c.ProfileDir != "" {
		if err := Profile(ctx, c.ProfileDir, c.suite(), c.ProfileServer, c.Partitions); err != nil {
			return nil, fmt.Errorf("load: profile: %w", err)
		}
	}
	var err error
	c.Log("library overhead")
	if r.Overhead, err = MeasureOverhead(ctx, c.OverheadSlices, c.OverheadSlice); err != nil {
		return nil, err
	}
	if c.LargeItems > 0 {
		if err := runScaling(ctx, c, r); err != nil {
			return nil, err
		}
	}
	if err := runLargeTables(ctx, c, r); err != nil {
		return nil, err
	}
	if err := runSustained(ctx, c, r); err != nil {
		return nil, err
	}
	r.Goals = r.Evaluate()
	r.Machine.Finish()
	return r, nil
}

// runServers measures the load phases over HTTP and in process, and the
// start-ups, with the servers running only meanwhile.
func runServers(ctx context.Context, c Config, r *Results) error {
	servers, err := StartServers(ctx, c.Servers)
	if err != nil {
		return err
	}
	defer CloseServers(servers)
	inproc, closeInProc := InProcTargets(c.Partitions)
	defer closeInProc()
	targets := append(HTTPTargets(servers, c.Workers, c.Partitions), inproc...)
	suite := c.suite()
	if err := suite.Setup(ctx, targets); err != nil {
		return err
	}
	suite.Warm(ctx, targets)
	r.Phases = suite.Run(ctx, targets)
	r.Summary = Summarize(r.Phases)
	if err := runDurable(ctx, c, servers, inproc, r); err != nil {
		return err
	}
	c.Log("start-up")
	r.Startup, err = MeasureStartups(ctx, c.StartupProbe, c.StartupRuns, servers)
	return err
}

// runScaling measures the memory of the large table and compares it with
// the small one.
func runScaling(ctx context.Context, c Config, r *Results) error {
	c.Log("filling a table of %d items", c.LargeItems)
	large, mem, err := MeasureMemory(ctx, c.LargeItems, c.Workers)
	if err != nil {
		return err
	}
	defer large.Close()
	r.Memory = &mem
	small, err := FillEngine(ctx, itemsName(c.SmallItems), c.SmallItems, c.Workers)
	if err != nil {
		return err
	}
	defer small.Close()
	r.Scale = MeasureScaling(ctx, c.suite(), small, large)
	return nil
}

// itemsName names a table by its size, as "10k items".
func itemsName(n int) string {
	switch {
	case n >= 1e6 && n%1e6 == 0:
		return fmt.Sprintf("%dM items", n/1e6)
	case n >= 1e3 && n%1e3 == 0:
		return fmt.Sprintf("%dk items", n/1e3)
	}
	return fmt.Sprintf("%d items", n)
}
