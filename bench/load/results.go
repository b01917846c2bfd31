package load

import (
	"os"
	"runtime"
	"strings"
	"time"
)

// Results is everything one run measured, as written to the JSON file.
type Results struct {
	Machine Machine `json:"machine"`
	Command string  `json:"command"`
	// Phases are the load phases of every round, over HTTP and in process;
	// Summary has the medians of their rounds.
	Phases  []Phase `json:"phases"`
	Summary []Phase `json:"summary"`
	// Scale compares GetItem and Query on a small and a large table in
	// process.
	Scale *Scale `json:"scale,omitempty"`
	// Durable compares the engine's writes on disk and in memory, with
	// one writer and with several.
	Durable []Durable `json:"durable,omitempty"`
	// LargeTables are the memory and start-up of large tables, in memory
	// and on disk; Sustained is the heap under a bounded mixed load.
	LargeTables []LargeTable `json:"large_tables,omitempty"`
	Sustained   *Sustained   `json:"sustained,omitempty"`
	Startup     []Startup    `json:"startup"`
	Memory      *Memory      `json:"memory,omitempty"`
	Overhead    []Overhead   `json:"library_overhead"`
	Goals       []Goal       `json:"goals"`
}

// Scale is what ScaleOps measured on a small and a large table, every round.
type Scale struct {
	Small  string  `json:"small"` // the backends' names
	Large  string  `json:"large"`
	Phases []Phase `json:"phases"`
}

// Machine describes where a run ran.
type Machine struct {
	CPUs      int       `json:"cpus"`
	GoVersion string    `json:"go_version"`
	Platform  string    `json:"platform"`
	LoadStart string    `json:"load_average_start"`
	LoadEnd   string    `json:"load_average_end"`
	Started   time.Time `json:"started"`
	Seconds   float64   `json:"seconds"`
}

// Startup is the time a backend takes from nothing to its first answer.
type Startup struct {
	Backend string  `json:"backend"`
	Millis  float64 `json:"ms"`
	How     string  `json:"how"`
}

// ThisMachine describes this machine now; Finish completes it.
func ThisMachine() Machine {
	return Machine{
		CPUs:      runtime.NumCPU(),
		GoVersion: runtime.Version(),
		Platform:  runtime.GOOS + "/" + runtime.GOARCH,
		LoadStart: loadAverage(),
		Started:   time.Now(),
	}
}

// Finish records the load average and the run's time at its end.
func (m *Machine) Finish() {
	m.LoadEnd = loadAverage()
	m.Seconds = time.Since(m.Started).Seconds()
}

// loadAverage returns the 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// Summarize returns a phase for each backend and operation with the
// medians of its rounds' figures and the sums of their counts, in the
// order they first appear.
func Summarize(phases []Phase) []Phase {
	type key struct{ backend, op string }
	groups := make(map[key][]Phase)
	var order []key
	for _, p := range phases {
		k := key{p.Backend, p.Op}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	out := make([]Phase, len(order))
	for i, k := range order {
		out[i] = medianPhase(groups[k])
	}
	return out
}

// medianPhase combines the rounds of one backend and operation.
func medianPhase(rounds []Phase) Phase {
	m := Phase{Backend: rounds[0].Backend, Op: rounds[0].Op}
	median := func(f func(Phase) float64) float64 {
		xs := make([]float64, len(rounds))
		for i, p := range rounds {
			xs[i] = f(p)
		}
		return Median(xs)
	}
	m.Throughput = median(func(p Phase) float64 { return p.Throughput })
	m.P50 = median(func(p Phase) float64 { return p.P50 })
	m.P99 = median(func(p Phase) float64 { return p.P99 })
	m.ServerCPU = median(func(p Phase) float64 { return p.ServerCPU })
	m.ProcessCPU = median(func(p Phase) float64 { return p.ProcessCPU })
	for _, p := range rounds {
		m.Ops += p.Ops
		m.Errors += p.Errors
		m.Seconds += p.Seconds
		if m.FirstError == "" {
			m.FirstError = p.FirstError
		}
	}
	return m
}

// PairedRatio returns the median, over the rounds, of a figure of backend a
// over the same figure of backend b in the same round, for op; and whether
// any round had both.
func PairedRatio(phases []Phase, a, b, op string, figure func(Phase) float64) (float64, bool) {
	var ratios []float64
	for _, pa := range phases {
		if pa.Backend != a || pa.Op != op {
			continue
		}
		for _, pb := range phases {
			if pb.Backend == b && pb.Op == op && pb.Round == pa.Round {
				if v := Ratio(figure(pa), figure(pb)); v != 0 {
					ratios = append(ratios, v)
				}
			}
		}
	}
	return Median(ratios), len(ratios) > 0
}

// Find returns the summary phase of a backend and operation.
func Find(phases []Phase, backend, op string) (Phase, bool) {
	for _, p := range phases {
		if p.Backend == backend && p.Op == op {
			return p, true
		}
	}
	return Phase{}, false
}
