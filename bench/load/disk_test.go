package load

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestMixedLoad runs every operation of the sustained load on an engine
// in process without errors.
func TestMixedLoad(t *testing.T) {
	s, err := MeasureSustained(context.Background(), 2*PartitionItems, 2, 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if s.Ops == 0 || s.Errors != 0 {
		t.Errorf("%d operations, %d errors (%s)", s.Ops, s.Errors, s.FirstError)
	}
	if len(s.Samples) == 0 || len(s.Samples) > 7 || s.Fresh <= 0 || s.Ratio == 0 {
		t.Errorf("samples %v, fresh heap %d, ratio %v", s.Samples, s.Fresh, s.Ratio)
	}
}

// TestMeasureLargeTable fills a small table in memory and on disk.
func TestMeasureLargeTable(t *testing.T) {
	l, err := MeasureLargeTable(context.Background(), 1000, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if l.Items != 1000 || l.RawBytes != 1000*ItemBytes || l.FileBytes <= 0 || l.OpenSeconds <= 0 {
		t.Errorf("%+v", l)
	}
}

// TestDiskGoals evaluates the goals and writes the tables of made-up
// results.
func TestDiskGoals(t *testing.T) {
	phase := func(backend string, ops float64) Phase {
		return Phase{Backend: backend, Op: OpPut, Round: 1, Throughput: ops, ServerCPU: 10, ProcessCPU: 20}
	}
	r := &Results{
		Durable: []Durable{{Writers: 8, Phases: []Phase{
			phase(EngineHTTP, 1000), phase(EngineDiskHTTP, 600),
			phase(EngineInProc, 1000), phase(EngineDiskInProc, 400),
		}}},
		LargeTables: []LargeTable{{Items: 1_000_000, RawBytes: 200_000_000, MemoryHeap: 300_000_000}},
		Sustained:   &Sustained{End: 130, Fresh: 100, Ratio: 1.3, FirstHalf: 110, Growth: 1.18},
	}
	met := make(map[string]bool)
	for _, g := range r.diskGoals() {
		met[g.Name+" "+g.Op] = g.Met
	}
	want := map[string]bool{
		GoalDurablePut + " PutItem (HTTP)":       true,
		GoalDurablePut + " PutItem (in process)": false,
		GoalLargeHeap + " 1M items":              true,
		GoalSustainedHeap + " ":                  false,
	}
	for k, v := range want {
		if got, ok := met[k]; !ok || got != v {
			t.Errorf("goal %q: met %v (found %v), want %v", k, got, ok, v)
		}
	}
	var md bytes.Buffer
	r.writeDurable(&md)
	r.writeLargeTables(&md)
	r.writeSustained(&md)
	for _, s := range []string{"### Durable writes", "| PutItem | 8 | 0.60 |", "| 1M items | 300 | 1.50 |", "### Sustained load"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md.String())
		}
	}
}
