package load

import (
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
)

// SelfRSS returns this process's resident set size in bytes, from
// /proc/self/statm; 0 when unknown.
func SelfRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// footprint is the heap after garbage collection and the resident set
// size after the runtime returned what it could to the system.
type footprint struct{ heap, rss int64 }

// measureFootprint collects garbage, returns free memory to the system,
// and measures the heap and the resident set.
func measureFootprint() footprint {
	ms := heapAfterGC()
	debug.FreeOSMemory()
	return footprint{heap: int64(ms.HeapAlloc), rss: SelfRSS()}
}

// growth returns how much the footprint grew from before to f.
func (f footprint) growth(before footprint) footprint {
	return footprint{heap: f.heap - before.heap, rss: f.rss - before.rss}
}
