package local

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// benchDataDir returns a directory whose data file holds the table of
// benchEngine with n items, written in one commit.
func benchDataDir(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	e, err := Open(dir, WithTTLInterval(0))
	if err != nil {
		b.Fatal(err)
	}
	fillBench(b, e, n, func(i int) int { return i })
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkOpenMemoryPerItem reports what Open costs for a file of 200-byte
// items (table and GSI): heap bytes per item and as a ratio to the
// items' size, file bytes per item, and the time to open.
func BenchmarkOpenMemoryPerItem(b *testing.B) {
	const n = 200_000
	dir := benchDataDir(b, n)
	raw := 0
	for i := range n {
		raw += benchItem(i).Size()
	}
	fi, err := os.Stat(filepath.Join(dir, DataFile))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC() // twice: bbolt's page pools let go of their pages after two
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		e, err := Open(dir, WithTTLInterval(0))
		if err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		used := float64(after.HeapAlloc) - float64(before.HeapAlloc)
		b.ReportMetric(used/n, "heap-bytes/item")
		b.ReportMetric(used/float64(raw), "x-raw")
		b.ReportMetric(float64(fi.Size())/n, "file-bytes/item")
		b.ReportMetric(float64(took.Milliseconds()), "open-ms")
		_ = e.Close()
	}
}

// BenchmarkOpenPutItem measures a PutItem on a disk engine: one bbolt
// transaction synced to disk each.
func BenchmarkOpenPutItem(b *testing.B) {
	e, err := Open(b.TempDir(), WithTTLInterval(0))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = e.Close() })
	fillBench(b, e, 0, nil)
	b.ResetTimer()
	for i := range b.N {
		body := fmt.Sprintf(`{"TableName":"bench","Item":{"PK":{"S":"p%d"},"SK":{"S":"s"},"v":{"S":"some value"}}}`, i)
		if out, status := e.call("PutItem", body); status != http.StatusOK {
			b.Fatal(string(out))
		}
	}
}

// BenchmarkDurablePuts measures PutItem from 1 and 8 concurrent writers
// on a disk engine (Open) beside the in-memory one (New): with group
// commit, concurrent writers share their syncs.
func BenchmarkDurablePuts(b *testing.B) {
	for _, disk := range []bool{false, true} {
		for _, writers := range []int{1, 8} {
			name := fmt.Sprintf("engine=%s/writers=%d", map[bool]string{false: "memory", true: "disk"}[disk], writers)
			b.Run(name, func(b *testing.B) {
				e := New(WithTTLInterval(0))
				if disk {
					var err error
					if e, err = Open(b.TempDir(), WithTTLInterval(0)); err != nil {
						b.Fatal(err)
					}
				}
				b.Cleanup(func() { _ = e.Close() })
				fillBench(b, e, 0, nil)
				var next atomic.Int64
				b.SetParallelism(max(1, writers/runtime.GOMAXPROCS(0)))
				if writers == 1 {
					b.ResetTimer()
					for range b.N {
						durablePut(b, e, next.Add(1))
					}
					return
				}
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						durablePut(b, e, next.Add(1))
					}
				})
				reportGroups(b, e)
			})
		}
	}
}

// reportGroups reports how many commits a disk engine's groups held on
// average since its start.
func reportGroups(b *testing.B, e *Engine) {
	if st, ok := e.storage.(*boltStorage); ok {
		commits, groups := st.counts()
		b.ReportMetric(float64(commits)/float64(max(groups, 1)), "commits/group")
	}
}

// durablePut puts item i of the bench table.
func durablePut(b *testing.B, e *Engine, i int64) {
	body := fmt.Sprintf(`{"TableName":"bench","Item":{"PK":{"S":"p%d"},"SK":{"S":"s"},"v":{"S":"some value"}}}`, i)
	if out, status := e.call("PutItem", body); status != http.StatusOK {
		b.Error(string(out))
	}
}
