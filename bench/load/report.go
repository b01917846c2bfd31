package load

import (
	"fmt"
	"io"
	"strings"
)

// table writes a Markdown table.
type table struct{ w io.Writer }

// newTable writes the table's header.
func newTable(w io.Writer, header ...string) table {
	t := table{w}
	t.row(header...)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	t.row(sep...)
	return t
}

// row writes a row of cells.
func (t table) row(cells ...string) {
	fmt.Fprintf(t.w, "| %s |\n", strings.Join(cells, " | "))
}

// x formats a ratio, or "–" for none.
func x(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

// WriteMarkdown writes the results as Markdown: every figure a ratio.
func (r *Results) WriteMarkdown(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "Measured by `%s` on %s: %d CPUs, %s, load average %s at the start and %s at the end, %.0f s in all. "+
		"The machine is shared and noisy, so only ratios measured in the same run are given; the absolute figures are in the JSON file.\n\n",
		r.Command, m.Started.Format("2006-01-02"), m.CPUs, m.GoVersion, m.LoadStart, m.LoadEnd, m.Seconds)
	r.writeHTTP(w)
	r.writeInProc(w)
	r.writeStartup(w)
	r.writeMemory(w)
	r.writeOverhead(w)
	r.writeScaling(w)
	r.writeDurable(w)
	r.writeLargeTables(w)
	r.writeSustained(w)
	r.writeGoals(w)
}

func (r *Results) writeHTTP(w io.Writer) {
	fmt.Fprintf(w, "### Over HTTP\n\nMedians of the rounds' ratios (each round runs the backends one after the other); CPU is the server process's own, per operation.\n\n")
	t := newTable(w, "Operation", "Throughput, engine / no-op", "Server CPU, engine / no-op",
		"Throughput, engine / DynamoDB Local", "Server CPU, DynamoDB Local / engine", "p50, engine / no-op", "p99, engine / no-op")
	for _, op := range OpNames {
		t.row(op,
			x(r.ratio(EngineHTTP, NoopHTTP, op, throughput)),
			x(r.ratio(EngineHTTP, NoopHTTP, op, serverCPU)),
			x(r.ratio(EngineHTTP, DynamoDBLocal, op, throughput)),
			x(r.ratio(DynamoDBLocal, EngineHTTP, op, serverCPU)),
			x(r.ratio(EngineHTTP, NoopHTTP, op, func(p Phase) float64 { return p.P50 })),
			x(r.ratio(EngineHTTP, NoopHTTP, op, func(p Phase) float64 { return p.P99 })))
	}
	fmt.Fprintln(w)
}

func (r *Results) writeInProc(w io.Writer) {
	fmt.Fprintf(w, "### In process\n\nThe engine through its own SDK client against the same client with a no-op handler in the same in-memory transport; medians of the rounds' ratios. CPU is the whole process's (client and engine), per operation.\n\n")
	t := newTable(w, "Operation", "Throughput, engine / no-op", "CPU, engine / no-op",
		"Throughput, engine in process / DynamoDB Local over HTTP", "Throughput, engine in process / over HTTP",
		"All CPU, DynamoDB Local over HTTP / engine in process", "All CPU, engine over HTTP / in process")
	for _, op := range OpNames {
		t.row(op,
			x(r.ratio(EngineInProc, NoopInProc, op, throughput)),
			x(r.ratio(EngineInProc, NoopInProc, op, processCPU)),
			x(r.ratio(EngineInProc, DynamoDBLocal, op, throughput)),
			x(r.ratio(EngineInProc, EngineHTTP, op, throughput)),
			x(r.ratio(DynamoDBLocal, EngineInProc, op, allCPU)),
			x(r.ratio(EngineHTTP, EngineInProc, op, allCPU)))
	}
	fmt.Fprintf(w, "\n\"All CPU\" is the CPU time per operation of client and server together. On a loaded machine the scheduler shares the cores by thread, "+
		"so a backend of several processes or many threads (the JVM) gets more of them than one Go process does, and wall-clock throughput across such backends "+
		"says less than CPU per operation.\n\n")
}

func (r *Results) writeStartup(w io.Writer) {
	if len(r.Startup) == 0 {
		return
	}
	fmt.Fprintf(w, "### Start-up\n\nFrom nothing to the first answer. The in-process figure is the only absolute one, for the goal of 5 ms.\n\n")
	base := r.Startup[0].Millis
	t := newTable(w, "Backend", "Time / in-process engine's", "How")
	for _, s := range r.Startup {
		t.row(s.Backend, x(Ratio(s.Millis, base), base != 0), s.How)
	}
	fmt.Fprintf(w, "\nIn process: %.2f ms.\n\n", base)
}

func (r *Results) writeMemory(w io.Writer) {
	if r.Memory == nil {
		return
	}
	m := r.Memory
	fmt.Fprintf(w, "### Memory\n\n%d items of %d bytes in one table (no secondary index), in process: "+
		"the heap in use grew by %.2f× the raw data (live objects: %.2f×), measured after garbage collection.\n\n",
		m.Items, ItemBytes, m.Ratio, Ratio(float64(m.HeapAlloc), float64(m.RawBytes)))
}

func (r *Results) writeOverhead(w io.Writer) {
	if len(r.Overhead) == 0 {
		return
	}
	fmt.Fprintf(w, "### Library overhead\n\n`db.Table`'s Put, Get and Query (of %d items) against the raw SDK calls it makes, replayed with the same inputs, on the in-process engine, one request at a time in alternating slices: the medians of the slice pairs' ratios of the whole process's CPU per operation, and of time per operation.\n\n", QueryItems)
	t := newTable(w, "Operation", "CPU, library / raw", "Time, library / raw")
	for _, o := range r.Overhead {
		t.row(o.Op, x(1+o.CPUOverhead, true), x(1+o.Overhead, true))
	}
	fmt.Fprintln(w)
}

func (r *Results) writeScaling(w io.Writer) {
	if r.Scale == nil {
		return
	}
	fmt.Fprintf(w, "### Table size\n\nGetItem and a %d-item Query in process, on a table of %s against one of %s (partitions of %d items). CPU is the whole process's.\n\n",
		QueryItems, r.Scale.Large, r.Scale.Small, PartitionItems)
	t := newTable(w, "Operation", "CPU per operation, large / small", "Time per operation (1 / throughput), large / small")
	for _, op := range ScaleOps {
		inverse := func(p Phase) float64 { return Ratio(1, p.Throughput) }
		t.row(op, x(r.scaleRatio(op, processCPU)), x(r.scaleRatio(op, inverse)))
	}
	fmt.Fprintln(w)
}

func (r *Results) writeGoals(w io.Writer) {
	fmt.Fprintf(w, "### Goals\n\n")
	t := newTable(w, "Goal", "Operation", "Figure", "Target", "Met")
	for _, g := range r.Goals {
		met := "not met"
		if g.Met {
			met = "met"
		}
		t.row(g.Name, g.Op, fmt.Sprintf("%.2f", g.Value), g.Target(), met)
	}
	fmt.Fprintln(w)
}
