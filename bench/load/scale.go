package load

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/dokklib/db/local"
)

// Memory is the engine's heap for a table of Items items of ItemBytes each.
type Memory struct {
	Items    int   `json:"items"`
	RawBytes int64 `json:"raw_bytes"` // Items × ItemBytes
	// HeapInuse and HeapAlloc grew by these while the table was filled,
	// measured after garbage collection.
	HeapInuse   int64   `json:"heap_inuse_bytes"`
	HeapAlloc   int64   `json:"heap_alloc_bytes"`
	Ratio       float64 `json:"heap_inuse_over_raw"`
	SeedSeconds float64 `json:"seed_seconds"`
}

// FilledEngine is an in-process engine with a seeded table of the workload.
type FilledEngine struct {
	Target Target
	Items  int
	Seeded time.Duration
	engine *local.Engine
}

// Close stops the engine.
func (f *FilledEngine) Close() { _ = f.engine.Close() }

// FillEngine returns an in-process engine whose table has items items
// (rounded down to whole partitions), written by workers workers.
func FillEngine(ctx context.Context, name string, items, workers int) (*FilledEngine, error) {
	eng := local.New()
	parts := max(1, items/PartitionItems)
	t := Target{Name: name, Workload: &Workload{Client: EngineClient(eng), Partitions: parts}}
	start := time.Now()
	err := t.Workload.CreateTable(ctx)
	if err == nil {
		err = t.Workload.Seed(ctx, 0, parts, workers)
	}
	if err != nil {
		_ = eng.Close()
		return nil, fmt.Errorf("load: fill %s: %w", name, err)
	}
	return &FilledEngine{Target: t, Items: parts * PartitionItems, Seeded: time.Since(start), engine: eng}, nil
}

// MeasureMemory fills an engine with items items and returns it with the
// heap it took: the growth of the heap, after garbage collection, over
// the heap before the engine was made.
func MeasureMemory(ctx context.Context, items, workers int) (*FilledEngine, Memory, error) {
	before := heapAfterGC()
	f, err := FillEngine(ctx, itemsName(items), items, workers)
	if err != nil {
		return nil, Memory{}, err
	}
	after := heapAfterGC()
	m := Memory{
		Items:       f.Items,
		RawBytes:    int64(f.Items) * ItemBytes,
		HeapInuse:   int64(after.HeapInuse) - int64(before.HeapInuse),
		HeapAlloc:   int64(after.HeapAlloc) - int64(before.HeapAlloc),
		SeedSeconds: f.Seeded.Seconds(),
	}
	m.Ratio = Ratio(float64(m.HeapInuse), float64(m.RawBytes))
	return f, m, nil
}

// heapAfterGC collects garbage and returns the memory statistics.
func heapAfterGC() runtime.MemStats {
	runtime.GC()
	runtime.GC() // the second cycle frees what the first one's finalizers left
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms
}

// ScaleOps are the operations measured on a small and a large table.
var ScaleOps = []string{OpGet, OpQuery}

// MeasureScaling measures ScaleOps on the small and the large engine with
// suite's bounds and rounds, interleaved.
func MeasureScaling(ctx context.Context, suite Suite, small, large *FilledEngine) *Scale {
	suite.Ops = ScaleOps
	targets := []Target{small.Target, large.Target}
	suite.Warm(ctx, targets)
	return &Scale{Small: small.Target.Name, Large: large.Target.Name, Phases: suite.Run(ctx, targets)}
}
