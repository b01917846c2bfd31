package load

import "fmt"

// Goal is one of issue 6's goals with the figure a run measured for it.
type Goal struct {
	Name  string  `json:"name"`
	Op    string  `json:"op,omitempty"`
	Value float64 `json:"value"`
	// AtMost tells whether Value must be at most Limit, or else at least.
	AtMost bool    `json:"at_most"`
	Limit  float64 `json:"limit"`
	Met    bool    `json:"met"`
}

// Target returns the goal's condition, such as "≥ 0.70".
func (g Goal) Target() string {
	if g.AtMost {
		return fmt.Sprintf("≤ %.2f", g.Limit)
	}
	return fmt.Sprintf("≥ %.2f", g.Limit)
}

// The goals' names.
const (
	GoalHTTPThroughput   = "HTTP throughput, engine / no-op"
	GoalHTTPCPU          = "HTTP server CPU per operation, engine / no-op"
	GoalHTTPVsDDB        = "HTTP throughput, engine / DynamoDB Local"
	GoalInProcThroughput = "in-process throughput, engine / no-op"
	GoalInProcVsDDB      = "in-process engine / DynamoDB Local over HTTP, throughput"
	GoalStartup          = "in-process start-up, ms"
	GoalMemory           = "engine heap / raw data"
	GoalOverhead         = "library CPU per operation / raw SDK call's"
	GoalScaling          = "CPU per operation, large table / small table"
)

// goal returns a goal with its verdict.
func goal(name, op string, value float64, atMost bool, limit float64) Goal {
	met := value >= limit
	if atMost {
		met = value <= limit
	}
	return Goal{Name: name, Op: op, Value: value, AtMost: atMost, Limit: limit, Met: met && value != 0}
}

// Evaluate returns the goals r's figures reach or miss. A goal whose
// figures are missing from r is left out.
func (r *Results) Evaluate() []Goal {
	return append(append(r.opGoals(), r.otherGoals()...), r.diskGoals()...)
}

// ratio returns the median of the rounds' ratios of a figure of backend a
// over that of backend b for op, and whether both were measured.
func (r *Results) ratio(a, b, op string, figure func(Phase) float64) (float64, bool) {
	return PairedRatio(r.Phases, a, b, op, figure)
}

// scaleRatio returns the median of the rounds' ratios of a figure on the
// large table over that on the small one, for op.
func (r *Results) scaleRatio(op string, figure func(Phase) float64) (float64, bool) {
	if r.Scale == nil {
		return 0, false
	}
	return PairedRatio(r.Scale.Phases, r.Scale.Large, r.Scale.Small, op, figure)
}

func throughput(p Phase) float64 { return p.Throughput }
func serverCPU(p Phase) float64  { return p.ServerCPU }
func processCPU(p Phase) float64 { return p.ProcessCPU }

// allCPU is the CPU time per operation of client and server: in process,
// the process's; over HTTP, the server's and this process's.
func allCPU(p Phase) float64 { return p.ServerCPU + p.ProcessCPU }

// opGoals returns the goals of the operations' throughput and CPU.
func (r *Results) opGoals() []Goal {
	specs := []struct {
		name   string
		a, b   string
		figure func(Phase) float64
		atMost bool
		limit  float64
	}{
		{GoalHTTPThroughput, EngineHTTP, NoopHTTP, throughput, false, 0.7},
		{GoalHTTPCPU, EngineHTTP, NoopHTTP, serverCPU, true, 1.5},
		{GoalHTTPVsDDB, EngineHTTP, DynamoDBLocal, throughput, false, 3},
		{GoalInProcThroughput, EngineInProc, NoopInProc, throughput, false, 0.7},
		{GoalInProcVsDDB, EngineInProc, DynamoDBLocal, throughput, false, 10},
	}
	var goals []Goal
	for _, s := range specs {
		for _, op := range OpNames {
			if v, ok := r.ratio(s.a, s.b, op, s.figure); ok {
				goals = append(goals, goal(s.name, op, v, s.atMost, s.limit))
			}
		}
	}
	return goals
}

// otherGoals returns the goals of start-up, memory, the library and scale.
func (r *Results) otherGoals() []Goal {
	var goals []Goal
	for _, s := range r.Startup {
		if s.Backend == StartupInProc {
			goals = append(goals, goal(GoalStartup, "", s.Millis, true, 5))
		}
	}
	if r.Memory != nil {
		goals = append(goals, goal(GoalMemory, "", r.Memory.Ratio, true, 2))
	}
	for _, o := range r.Overhead {
		goals = append(goals, goal(GoalOverhead, o.Op, 1+o.CPUOverhead, true, 1.05))
	}
	for _, op := range ScaleOps {
		if v, ok := r.scaleRatio(op, processCPU); ok {
			goals = append(goals, goal(GoalScaling, op, v, true, 1.3))
		}
	}
	return goals
}
