package load

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Op is one operation of a workload: it sends request i of worker w.
type Op func(ctx context.Context, w, i int) error

// Bounds limit a phase: it stops after Count operations in all or after
// Time, whichever comes first.
type Bounds struct {
	Workers int
	Count   int
	Time    time.Duration
}

// Sample is what one phase measured.
type Sample struct {
	Ops       int
	Errors    int
	FirstErr  error
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
}

// Throughput returns the successful operations per second.
func (s *Sample) Throughput() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Ops-s.Errors) / s.Elapsed.Seconds()
}

// Run runs op with b.Workers workers until b.Count operations have been
// started or b.Time has passed, and returns the latencies of all of them.
// Every worker's loop is bounded by its share of the count and by the
// deadline; an operation under way at the deadline finishes. Ending ctx
// ends the loops early.
func Run(ctx context.Context, b Bounds, op Op) Sample {
	workers := max(1, b.Workers)
	results := make([]workerResult, workers)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(b.Time)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[w] = runWorker(ctx, deadline, share(b.Count, workers, w), w, op)
		}()
	}
	wg.Wait()
	return merge(results, time.Since(start))
}

// share returns worker w's part of count operations split among n workers.
func share(count, n, w int) int {
	s := count / n
	if w < count%n {
		s++
	}
	return s
}

// workerResult is what one worker measured.
type workerResult struct {
	latencies []time.Duration
	errors    int
	firstErr  error
}

// runWorker runs op at most count times, until deadline.
func runWorker(ctx context.Context, deadline time.Time, count, w int, op Op) workerResult {
	r := workerResult{latencies: make([]time.Duration, 0, min(count, 1<<16))}
	for i := 0; i < count; i++ {
		t0 := time.Now()
		if !t0.Before(deadline) || ctx.Err() != nil {
			break
		}
		err := op(ctx, w, i)
		if err != nil && ctx.Err() != nil {
			break // interrupted: not a failure of the backend
		}
		r.latencies = append(r.latencies, time.Since(t0))
		if err != nil {
			r.errors++
			if r.firstErr == nil {
				r.firstErr = err
			}
		}
	}
	return r
}

// merge combines the workers' results.
func merge(results []workerResult, elapsed time.Duration) Sample {
	s := Sample{Elapsed: elapsed}
	for _, r := range results {
		s.Latencies = append(s.Latencies, r.latencies...)
		s.Errors += r.errors
		if s.FirstErr == nil {
			s.FirstErr = r.firstErr
		}
	}
	s.Ops = len(s.Latencies)
	slices.Sort(s.Latencies)
	return s
}
