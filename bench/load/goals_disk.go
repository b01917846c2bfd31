package load

// The goals of durable writes, large tables and sustained load.
const (
	GoalDurablePut    = "PutItem throughput with 8 writers, disk / memory"
	GoalLargeHeap     = "heap / raw data, large table in memory"
	GoalSustainedHeap = "heap at the end of sustained load / its first half's largest"
)

// durableGoalWriters are the writers of GoalDurablePut.
const durableGoalWriters = 8

// durableRatio returns the median of the rounds' ratios of a figure of
// backend a over that of backend b for op with writers writers.
func (r *Results) durableRatio(writers int, a, b, op string, figure func(Phase) float64) (float64, bool) {
	for _, d := range r.Durable {
		if d.Writers == writers {
			return PairedRatio(d.Phases, a, b, op, figure)
		}
	}
	return 0, false
}

// diskGoals returns the goals of durable writes, large tables and
// sustained load.
func (r *Results) diskGoals() []Goal {
	var goals []Goal
	pairs := []struct{ disk, mem, how string }{
		{EngineDiskHTTP, EngineHTTP, OpPut + " (HTTP)"},
		{EngineDiskInProc, EngineInProc, OpPut + " (in process)"},
	}
	for _, p := range pairs {
		if v, ok := r.durableRatio(durableGoalWriters, p.disk, p.mem, OpPut, throughput); ok {
			goals = append(goals, goal(GoalDurablePut, p.how, v, false, 0.5))
		}
	}
	for _, l := range r.LargeTables {
		goals = append(goals, goal(GoalLargeHeap, itemsName(l.Items), l.OverRaw(l.MemoryHeap), true, 2))
	}
	if s := r.Sustained; s != nil {
		goals = append(goals, goal(GoalSustainedHeap, "", s.Growth, true, 1.1))
	}
	return goals
}
