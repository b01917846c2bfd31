package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dokklib/db/local"
)

// LargeTable is the memory and start-up of a table of Items items of
// ItemBytes each: in memory (local.New) and on disk (local.Open).
type LargeTable struct {
	Items    int   `json:"items"`
	RawBytes int64 `json:"raw_bytes"` // Items × ItemBytes
	// MemoryHeap and MemoryRSS are what the in-memory engine's heap,
	// after garbage collection, and this process's resident set grew by
	// while the table was filled.
	MemoryHeap int64 `json:"memory_heap_bytes"`
	MemoryRSS  int64 `json:"memory_rss_bytes"`
	// DiskHeap and DiskRSS are what they grew by while local.Open opened
	// the data directory holding the table, which took OpenSeconds.
	DiskHeap    int64   `json:"disk_heap_bytes"`
	DiskRSS     int64   `json:"disk_rss_bytes"`
	FileBytes   int64   `json:"file_bytes"`
	OpenSeconds float64 `json:"open_seconds"`
	// FillSeconds and DiskFillSeconds are the times the tables took to
	// fill, in memory and on disk.
	FillSeconds     float64 `json:"fill_seconds"`
	DiskFillSeconds float64 `json:"disk_fill_seconds"`
}

// fillWorkers are the writers that fill a table on disk: enough for
// group commit to share each sync among many batches.
const fillWorkers = 32

// PerItem returns bytes per item of the table.
func (l LargeTable) PerItem(bytes int64) float64 { return Ratio(float64(bytes), float64(l.Items)) }

// OverRaw returns bytes as a ratio to the raw data.
func (l LargeTable) OverRaw(bytes int64) float64 { return Ratio(float64(bytes), float64(l.RawBytes)) }

// MeasureLargeTable measures a table of items items in memory and on disk.
func MeasureLargeTable(ctx context.Context, items int, log func(string, ...any)) (LargeTable, error) {
	log("large table of %d items in memory", items)
	l, err := measureInMemory(ctx, items)
	if err != nil {
		return l, err
	}
	dir, err := os.MkdirTemp("", "loadbench-large")
	if err != nil {
		return l, err
	}
	defer os.RemoveAll(dir)
	log("large table of %d items on disk", items)
	start := time.Now()
	if err := fillDisk(ctx, dir, items); err != nil {
		return l, err
	}
	l.DiskFillSeconds = time.Since(start).Seconds()
	fi, err := os.Stat(filepath.Join(dir, local.DataFile))
	if err != nil {
		return l, err
	}
	l.FileBytes = fi.Size()
	return l, measureOpen(dir, &l)
}

// measureInMemory fills an in-memory engine and measures its footprint.
func measureInMemory(ctx context.Context, items int) (LargeTable, error) {
	before := measureFootprint()
	f, err := FillEngine(ctx, itemsName(items), items, fillWorkers)
	if err != nil {
		return LargeTable{}, err
	}
	grew := measureFootprint().growth(before)
	f.Close()
	return LargeTable{
		Items: f.Items, RawBytes: int64(f.Items) * ItemBytes,
		MemoryHeap: grew.heap, MemoryRSS: grew.rss, FillSeconds: f.Seeded.Seconds(),
	}, nil
}

// fillDisk writes a table of items items into a data directory with
// local.Open, in batches of BatchItems from fillWorkers writers.
func fillDisk(ctx context.Context, dir string, items int) error {
	eng, err := local.Open(dir, local.WithTTLInterval(0))
	if err != nil {
		return err
	}
	wl := &Workload{Client: EngineClient(eng), Partitions: max(1, items/PartitionItems)}
	err = wl.CreateTable(ctx)
	if err == nil {
		err = wl.Seed(ctx, 0, wl.Partitions, fillWorkers)
	}
	if cerr := eng.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("load: fill %s: %w", dir, err)
	}
	return nil
}

// measureOpen opens dir and records the time it took and the footprint
// the open engine has.
func measureOpen(dir string, l *LargeTable) error {
	before := measureFootprint()
	start := time.Now()
	eng, err := local.Open(dir, local.WithTTLInterval(0))
	if err != nil {
		return fmt.Errorf("load: open %s: %w", dir, err)
	}
	l.OpenSeconds = time.Since(start).Seconds()
	grew := measureFootprint().growth(before)
	l.DiskHeap, l.DiskRSS = grew.heap, grew.rss
	return eng.Close()
}

// runLargeTables measures a large table of each size.
func runLargeTables(ctx context.Context, c Config, r *Results) error {
	for _, n := range c.LargeTables {
		start := time.Now()
		l, err := MeasureLargeTable(ctx, n, c.Log)
		if err != nil {
			return err
		}
		c.Log("large table of %d items took %v", n, time.Since(start).Round(time.Millisecond))
		r.LargeTables = append(r.LargeTables, l)
	}
	return nil
}
