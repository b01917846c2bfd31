package load

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Target is a backend with the workload set up on it.
type Target struct {
	Name     string
	Workload *Workload
	// ServerCPU returns the server process's CPU time; nil in process.
	ServerCPU func() (time.Duration, error)
}

// Phase is what one operation measured on one backend in one round.
type Phase struct {
	Backend    string  `json:"backend"`
	Op         string  `json:"op"`
	Round      int     `json:"round"`
	Ops        int     `json:"ops"`
	Errors     int     `json:"errors"`
	Seconds    float64 `json:"seconds"`
	Throughput float64 `json:"ops_per_sec"` // successful operations
	P50        float64 `json:"p50_us"`
	P99        float64 `json:"p99_us"`
	// ServerCPU is the server process's CPU time per operation; 0 in
	// process.
	ServerCPU float64 `json:"server_cpu_us_per_op"`
	// ProcessCPU is this process's CPU time per operation: the client's,
	// and the engine's too when it runs in process.
	ProcessCPU float64 `json:"process_cpu_us_per_op"`
	FirstError string  `json:"first_error,omitempty"`
}

// Measure runs op on t within b and returns what it measured.
func Measure(ctx context.Context, t Target, op string, b Bounds) Phase {
	fn := t.Workload.Ops()[op]
	server0 := t.serverCPU()
	self0 := SelfCPU()
	s := Run(ctx, b, fn)
	self, server := SelfCPU()-self0, t.serverCPU()-server0
	p := Phase{
		Backend:    t.Name,
		Op:         op,
		Ops:        s.Ops,
		Errors:     s.Errors,
		Seconds:    s.Elapsed.Seconds(),
		Throughput: s.Throughput(),
		P50:        micros(Percentile(s.Latencies, 50)),
		P99:        micros(Percentile(s.Latencies, 99)),
		ProcessCPU: perOp(self, s.Ops),
	}
	if t.ServerCPU != nil {
		p.ServerCPU = perOp(server, s.Ops)
	}
	if s.FirstErr != nil {
		p.FirstError = s.FirstErr.Error()
	}
	return p
}

// serverCPU returns the server's CPU time, or 0 when unknown.
func (t Target) serverCPU() time.Duration {
	if t.ServerCPU == nil {
		return 0
	}
	d, err := t.ServerCPU()
	if err != nil {
		return 0
	}
	return d
}

// micros returns d in microseconds.
func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// perOp returns d divided among n operations, in microseconds.
func perOp(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return micros(d) / float64(n)
}

// Suite runs every operation on every target, round after round.
type Suite struct {
	Ops    []string
	Bounds Bounds // of each measured phase
	Warmup Bounds // of each operation's warm-up on each target
	Rounds int
	// Log receives progress; nil for none.
	Log func(format string, args ...any)
}

// Setup creates the table on each target and seeds its partitions.
func (s *Suite) Setup(ctx context.Context, targets []Target) error {
	for _, t := range targets {
		wl := t.Workload
		if err := wl.CreateTable(ctx); err != nil {
			return fmt.Errorf("load: %s: create table: %w", t.Name, err)
		}
		if err := wl.Seed(ctx, 0, wl.Partitions, s.Bounds.Workers); err != nil {
			return fmt.Errorf("load: %s: %w", t.Name, err)
		}
	}
	return nil
}

// Warm runs every operation on every target within s.Warmup, unmeasured,
// so that JIT compilers, caches and connection pools are warm.
func (s *Suite) Warm(ctx context.Context, targets []Target) {
	for _, t := range targets {
		start := time.Now()
		for _, op := range s.Ops {
			Run(ctx, s.Warmup, t.Workload.Ops()[op])
		}
		s.logf("warmed %s in %v", t.Name, time.Since(start).Round(time.Millisecond))
	}
}

// Run measures every operation on every target, interleaving the targets
// so that they share the machine's changing load alike.
func (s *Suite) Run(ctx context.Context, targets []Target) []Phase {
	var phases []Phase
	for round := 1; round <= max(1, s.Rounds); round++ {
		for _, op := range s.Ops {
			for _, t := range targets {
				if ctx.Err() != nil {
					return phases
				}
				p := Measure(ctx, t, op, s.Bounds)
				p.Round = round
				s.logPhase(p)
				phases = append(phases, p)
			}
		}
	}
	return phases
}

func (s *Suite) logPhase(p Phase) {
	s.logf("round %d %-18s %-22s %8.0f ops/s  p50 %7.0fµs  p99 %7.0fµs  server %6.0fµs/op  process %6.0fµs/op  errors %d %s",
		p.Round, p.Op, p.Backend, p.Throughput, p.P50, p.P99, p.ServerCPU, p.ProcessCPU, p.Errors, p.FirstError)
}

func (s *Suite) logf(format string, args ...any) {
	if s.Log != nil {
		s.Log(format, args...)
	}
}

// Stderr logs to standard error, for Suite.Log.
func Stderr(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
