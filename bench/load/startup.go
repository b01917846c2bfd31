package load

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// The in-process start-ups' names.
const (
	StartupInProc     = "engine in process, first in a fresh process"
	StartupInProcWarm = "engine in process, again in the same process"
)

// MeasureStartups returns the start-up time of the in-process engine, the
// median of runs, in fresh processes of probe (a command that prints what
// InProcStartup returns, in nanoseconds) and in this process, and those
// the servers took.
func MeasureStartups(ctx context.Context, probe []string, runs int, servers []*Server) ([]Startup, error) {
	cold, warm := make([]float64, runs), make([]float64, runs)
	for i := range runs {
		d, err := probeStartup(ctx, probe)
		if err != nil {
			return nil, err
		}
		cold[i] = millis(d)
		if d, err = InProcStartup(ctx); err != nil {
			return nil, err
		}
		warm[i] = millis(d)
	}
	how := fmt.Sprintf("local.New(), its Client() and a ListTables; median of %d", runs)
	out := []Startup{
		{StartupInProc, Median(cold), how},
		{StartupInProcWarm, Median(warm), how},
	}
	for _, s := range servers {
		out = append(out, Startup{s.Name, millis(s.Startup), s.startupHow})
	}
	return out, nil
}

// probeStartup runs probe and reads the duration it prints.
func probeStartup(ctx context.Context, probe []string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, maxStartup)
	defer cancel()
	out, err := exec.CommandContext(ctx, probe[0], probe[1:]...).Output()
	if err != nil {
		return 0, fmt.Errorf("load: start-up probe: %w", err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("load: start-up probe printed %q", out)
	}
	return time.Duration(ns), nil
}

// millis returns d in milliseconds.
func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
