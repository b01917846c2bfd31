package load

import (
	"fmt"
	"io"
)

// mib formats bytes in MiB.
func mib(b int64) string { return fmt.Sprintf("%.1f", float64(b)/(1<<20)) }

func (r *Results) writeDurable(w io.Writer) {
	if len(r.Durable) == 0 {
		return
	}
	fmt.Fprintf(w, "### Durable writes\n\nThe engine on disk (the server with `-data`, and `local.Open` in process: every write answered once synced, concurrent writes sharing a sync) "+
		"against the engine in memory, in the same run; medians of the rounds' ratios. Server CPU is the server process's own, per operation.\n\n")
	t := newTable(w, "Operation", "Writers", "Throughput, disk / memory (HTTP)", "Server CPU, disk / memory (HTTP)",
		"Throughput, disk / memory (in process)", "CPU, disk / memory (in process)")
	for _, d := range r.Durable {
		for _, op := range DurableOps {
			t.row(op, fmt.Sprint(d.Writers),
				x(r.durableRatio(d.Writers, EngineDiskHTTP, EngineHTTP, op, throughput)),
				x(r.durableRatio(d.Writers, EngineDiskHTTP, EngineHTTP, op, serverCPU)),
				x(r.durableRatio(d.Writers, EngineDiskInProc, EngineInProc, op, throughput)),
				x(r.durableRatio(d.Writers, EngineDiskInProc, EngineInProc, op, processCPU)))
		}
	}
	fmt.Fprintf(w, "\n%s\n\n", r.singleWriterFigures())
}

// singleWriterFigures describes the durable throughput of one writer, an
// absolute figure of this machine's disk.
func (r *Results) singleWriterFigures() string {
	for _, d := range r.Durable {
		if d.Writers != 1 {
			continue
		}
		sum := Summarize(d.Phases)
		s := "One writer on disk, absolute figures of this machine's disk (medians of the rounds):"
		for _, b := range []string{EngineDiskHTTP, EngineDiskInProc} {
			for _, op := range DurableOps {
				if p, ok := Find(sum, b, op); ok {
					s += fmt.Sprintf(" %s %s %.0f/s (%s);", b, op, p.Throughput, cpuFigure(p))
				}
			}
		}
		return s[:len(s)-1] + "."
	}
	return ""
}

func (r *Results) writeLargeTables(w io.Writer) {
	if len(r.LargeTables) == 0 {
		return
	}
	fmt.Fprintf(w, "### Large tables\n\nTables of items of %d bytes (no secondary index), in process. In memory: what `local.New`'s heap (after garbage collection) "+
		"and the process's resident set grew by while the table was filled. On disk: the data file, and what the heap and resident set grew by while `local.Open` "+
		"opened it, which is the start-up of the server with `-data`.\n\n", ItemBytes)
	t := newTable(w, "Items", "Heap per item, memory", "Heap / raw, memory", "RSS / raw, memory",
		"File bytes per item", "Heap per item, disk", "Heap / raw, disk", "RSS / raw, disk", "Open, s")
	for _, l := range r.LargeTables {
		t.row(itemsName(l.Items),
			fmt.Sprintf("%.0f", l.PerItem(l.MemoryHeap)), x(l.OverRaw(l.MemoryHeap), true), x(l.OverRaw(l.MemoryRSS), true),
			fmt.Sprintf("%.0f", l.PerItem(l.FileBytes)),
			fmt.Sprintf("%.0f", l.PerItem(l.DiskHeap)), x(l.OverRaw(l.DiskHeap), true), x(l.OverRaw(l.DiskRSS), true),
			fmt.Sprintf("%.2f", l.OpenSeconds))
	}
	fmt.Fprintln(w)
}

func (r *Results) writeSustained(w io.Writer) {
	s := r.Sustained
	if s == nil {
		return
	}
	fmt.Fprintf(w, "### Sustained load\n\n%.0f s of mixed load (puts, updates, deletes, gets, queries, transactions with idempotency tokens, batch writes) "+
		"on a table of %d keys with a stream and point-in-time recovery, in process, on an engine keeping at most %s MiB of stream records "+
		"and %s MiB of its recovery log in memory, and %d idempotency tokens: "+
		"%d operations, %d errors. The engine's heap after garbage collection, sampled every second, in MiB:\n\n",
		s.Seconds, s.Items, mib(s.StreamMemory), mib(s.RecoveryMemory), s.TokenLimit, s.Ops, s.Errors)
	t := newTable(w, "Start", "Max", "First half's max", "End", "End / first half's max", "Same items loaded fresh", "End / fresh")
	t.row(mib(s.Start), mib(s.Max), mib(s.FirstHalf), mib(s.End), x(s.Growth, true), mib(s.Fresh), x(s.Ratio, true))
	fmt.Fprintln(w)
}

// cpuFigure describes a phase's CPU per operation: the server's over
// HTTP, the whole process's in process.
func cpuFigure(p Phase) string {
	if p.ServerCPU > 0 {
		return fmt.Sprintf("server CPU %.0f µs per operation", p.ServerCPU)
	}
	return fmt.Sprintf("process CPU %.0f µs per operation", p.ProcessCPU)
}
