package load

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	sorted := make([]time.Duration, 100)
	for i := range sorted {
		sorted[i] = ms(i + 1)
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, ms(50)}, {99, ms(99)}, {100, ms(100)}, {0.5, ms(1)}} {
		if got := Percentile(sorted, tc.p); got != tc.want {
			t.Errorf("Percentile(1..100ms, %v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := Percentile([]time.Duration{ms(7)}, 99); got != ms(7) {
		t.Errorf("Percentile of one = %v, want 7ms", got)
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("Percentile of none = %v, want 0", got)
	}
}

func TestMedianAndRatio(t *testing.T) {
	xs := []float64{5, 1, 3}
	if got := Median(xs); got != 3 {
		t.Errorf("Median(5, 1, 3) = %v, want 3", got)
	}
	if xs[0] != 5 {
		t.Error("Median changed its argument")
	}
	if got := Median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("Median(4, 1, 3, 2) = %v, want 2.5", got)
	}
	if got := Ratio(1, 0); got != 0 {
		t.Errorf("Ratio(1, 0) = %v, want 0", got)
	}
}

func TestParseStatCPU(t *testing.T) {
	// A command name with spaces and parentheses, 250 utime and 50 stime
	// ticks.
	stat := "1234 (java (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 5 0 0"
	got, err := parseStatCPU([]byte(stat))
	if err != nil || got != 3*time.Second {
		t.Errorf("parseStatCPU = %v, %v; want 3s", got, err)
	}
	for _, bad := range []string{"1234 S 1", "1 (x) S 1 2", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 x 5"} {
		if _, err := parseStatCPU([]byte(bad)); err == nil {
			t.Errorf("parseStatCPU(%q) did not fail", bad)
		}
	}
}

func TestProcCPU(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	if _, err := ProcCPU(os.Getpid()); err != nil {
		t.Fatal(err)
	}
}

func TestRunStopsAtCount(t *testing.T) {
	var calls atomic.Int64
	seen := make([]atomic.Bool, 10)
	s := Run(context.Background(), Bounds{Workers: 3, Count: 10, Time: time.Hour}, func(_ context.Context, w, i int) error {
		calls.Add(1)
		seen[w+3*i].Store(true) // every (w, i) is one of the 10 operations
		return nil
	})
	if s.Ops != 10 || calls.Load() != 10 || len(s.Latencies) != 10 {
		t.Errorf("ops %d, calls %d, latencies %d; want 10 each", s.Ops, calls.Load(), len(s.Latencies))
	}
	for n := range seen {
		if !seen[n].Load() {
			t.Errorf("operation %d did not run", n)
		}
	}
}

func TestRunStopsAtTime(t *testing.T) {
	s := Run(context.Background(), Bounds{Workers: 2, Count: 1 << 30, Time: 20 * time.Millisecond}, func(context.Context, int, int) error {
		time.Sleep(time.Millisecond)
		return nil
	})
	if s.Ops == 0 || s.Ops >= 1<<30 {
		t.Errorf("ops = %d, want some, bounded by time", s.Ops)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := Run(ctx, Bounds{Workers: 2, Count: 100, Time: time.Hour}, func(context.Context, int, int) error { return nil })
	if s.Ops != 0 {
		t.Errorf("ops = %d after cancel, want 0", s.Ops)
	}
}

func TestRunCountsErrors(t *testing.T) {
	boom := errors.New("boom")
	s := Run(context.Background(), Bounds{Workers: 1, Count: 4, Time: time.Hour}, func(_ context.Context, _, i int) error {
		if i%2 == 1 {
			return boom
		}
		return nil
	})
	if s.Ops != 4 || s.Errors != 2 || !errors.Is(s.FirstErr, boom) {
		t.Errorf("ops %d, errors %d, first %v; want 4, 2, boom", s.Ops, s.Errors, s.FirstErr)
	}
}

func TestShare(t *testing.T) {
	total := 0
	for w := range 4 {
		total += share(10, 4, w)
	}
	if total != 10 || share(10, 4, 0) != 3 || share(10, 4, 3) != 2 {
		t.Errorf("share(10, 4, ·) sums to %d; want 3, 3, 2, 2", total)
	}
}

func TestParseVars(t *testing.T) {
	vars := parseVars([]byte("DYNAMODB_ENDPOINT=http://127.0.0.1:1234\nPID=42\n"))
	if vars["PID"] != "42" || vars["DYNAMODB_ENDPOINT"] != "http://127.0.0.1:1234" {
		t.Errorf("parseVars = %v", vars)
	}
}

func TestItemSize(t *testing.T) {
	for _, k := range [][2]string{{"q#0", "s#000"}, {"p#12", "1023"}, {"b#3", "1023#24"}} {
		n := 0
		for name, v := range Item(k[0], k[1]) {
			n += len(name) + len(v)
		}
		if n != ItemBytes {
			t.Errorf("Item(%q, %q) has %d bytes, want %d", k[0], k[1], n, ItemBytes)
		}
	}
}

func TestReplaceBetween(t *testing.T) {
	doc := "# T\n\n## Codec\nkeep\n\n## Load\n" + BeginMarker + "\nold\n" + EndMarker + "\nafter\n"
	got, err := replaceBetween([]byte(doc), []byte("\nnew\n\n"))
	want := "# T\n\n## Codec\nkeep\n\n## Load\n" + BeginMarker + "\nnew\n" + EndMarker + "\nafter\n"
	if err != nil || string(got) != want {
		t.Errorf("replaceBetween = %q, %v; want %q", got, err, want)
	}
	if _, err := replaceBetween([]byte("no markers"), nil); err == nil {
		t.Error("replaceBetween without markers did not fail")
	}
}

// TestWorkloadInProcess runs every operation on the in-process engine and
// on the no-op handler, which must both answer as the workload expects.
func TestWorkloadInProcess(t *testing.T) {
	targets, closeAll := InProcTargets(2)
	defer closeAll()
	s := Suite{Ops: OpNames, Bounds: Bounds{Workers: 2, Count: 4, Time: time.Minute}}
	ctx := context.Background()
	if err := s.Setup(ctx, targets); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Run(ctx, targets) {
		if p.Ops != 4 || p.Errors != 0 {
			t.Errorf("%s on %s: %d operations, %d errors (%s)", p.Op, p.Backend, p.Ops, p.Errors, p.FirstError)
		}
	}
}

// TestServeNoop serves the no-op handler over loopback HTTP for an SDK
// client.
func TestServeNoop(t *testing.T) {
	srv := httptest.NewServer(NewNoop())
	defer srv.Close()
	wl := &Workload{Client: HTTPClient(srv.URL, 1), Partitions: 1}
	for name, op := range wl.Ops() {
		if err := op(context.Background(), 0, 0); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
