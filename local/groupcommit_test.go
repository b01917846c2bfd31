package local

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// gatedStorage is a storage whose writes wait at a gate: each write of
// queued commits takes one value from release, so a test decides when
// commits become durable and sees how they were grouped.
type gatedStorage struct {
	groupCommit
	release chan struct{}
	groups  chan []int // the sizes of the commits written together
}

func newGatedStorage() *gatedStorage {
	s := &gatedStorage{release: make(chan struct{}), groups: make(chan []int, 100)}
	s.cond.L = &s.mu
	return s
}

func (s *gatedStorage) stage(tables []*table) uint64 {
	if !changed(tables) {
		return 0
	}
	w := make(commitBatch, len(tables))
	for i, t := range tables {
		w[i] = tableWrite{name: t.name, items: make([]itemWrite, len(t.pending))}
	}
	return s.queue(w)
}

func (s *gatedStorage) wait(seq uint64) error {
	return s.waitFor(seq, func(commits []commitBatch) error {
		<-s.release
		var sizes []int
		for _, c := range commits {
			sizes = append(sizes, len(c[0].items))
		}
		s.groups <- sizes
		return nil
	})
}

func (s *gatedStorage) close() error  { return nil }
func (s *gatedStorage) durable() bool { return true }

// open lets one write through the gate, failing the test when no write
// comes to it.
func (s *gatedStorage) open(t *testing.T) {
	t.Helper()
	select {
	case s.release <- struct{}{}:
	case <-time.After(5 * time.Second):
		t.Fatal("no commit is being written")
	}
}

// gatedEngine returns an engine on a gatedStorage with table Tab, keyed by
// id.
func gatedEngine(t *testing.T) (*Engine, *gatedStorage) {
	t.Helper()
	st := newGatedStorage()
	e := newEngine(newOptions([]Option{WithTTLInterval(0)}), st)
	e.start()
	t.Cleanup(func() { _ = e.Close() })
	done := make(chan struct{})
	go func() {
		defer close(done)
		mustCall(t, e, "CreateTable", `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],`+
			`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	}()
	st.open(t)
	<-st.groups
	<-done
	return e, st
}

// callAsync runs an operation in the background; its answer comes on the
// channel returned.
func callAsync(e *Engine, op, body string) <-chan string {
	ch := make(chan string, 1)
	go func() {
		out, status := e.call(op, body)
		ch <- http.StatusText(status) + " " + string(out)
	}()
	return ch
}

// pending reports whether the answer has not come within a short wait.
func pending(ch <-chan string) bool {
	select {
	case <-ch:
		return false
	case <-time.After(50 * time.Millisecond):
		return true
	}
}

func TestWritesWaitForTheirCommit(t *testing.T) {
	e, st := gatedEngine(t)
	put := callAsync(e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"}}}`)
	if !pending(put) {
		t.Fatal("PutItem answered before its commit was durable")
	}
	st.open(t)
	if got := <-put; !strings.HasPrefix(got, "OK") {
		t.Fatal(got)
	}
	if sizes := <-st.groups; !slices.Equal(sizes, []int{1}) {
		t.Fatalf("commits written: %v", sizes)
	}
}

func TestReadsWaitForTheWritesTheySaw(t *testing.T) {
	e, st := gatedEngine(t)
	put := callAsync(e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"}}}`)
	time.Sleep(20 * time.Millisecond) // the put is staged, its write waits at the gate
	reads := map[string]<-chan string{
		"GetItem":            callAsync(e, "GetItem", `{"TableName":"Tab","Key":{"id":{"S":"a"}}}`),
		"Scan":               callAsync(e, "Scan", `{"TableName":"Tab"}`),
		"TransactGetItems":   callAsync(e, "TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"Tab","Key":{"id":{"S":"a"}}}}]}`),
		"failed conditional": callAsync(e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"}},"ConditionExpression":"attribute_not_exists(id)"}`),
	}
	for name, ch := range reads {
		if !pending(ch) {
			t.Errorf("%s answered before the write it saw was durable", name)
		}
	}
	st.open(t)
	<-put
	for name, ch := range reads {
		if got := <-ch; !strings.Contains(got, `"a"`) && !strings.Contains(got, "ConditionalCheckFailed") {
			t.Errorf("%s: %s", name, got)
		}
	}
}

func TestConcurrentWritesShareACommit(t *testing.T) {
	e, st := gatedEngine(t)
	first := callAsync(e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"first"}}}`)
	time.Sleep(20 * time.Millisecond) // first leads, its write waits at the gate
	var wg sync.WaitGroup
	const n = 5
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := `{"RequestItems":{"Tab":[{"PutRequest":{"Item":{"id":{"S":"x` + string(rune('a'+i)) + `"}}}},{"PutRequest":{"Item":{"id":{"S":"y` + string(rune('a'+i)) + `"}}}}]}}`
			if out, status := e.call("BatchWriteItem", body); status != http.StatusOK {
				t.Error(string(out))
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // the batches are staged behind first
	st.open(t)
	<-first
	if sizes := <-st.groups; !slices.Equal(sizes, []int{1}) {
		t.Fatalf("first write: %v", sizes)
	}
	st.open(t)
	wg.Wait()
	if sizes := <-st.groups; !slices.Equal(sizes, []int{2, 2, 2, 2, 2}) {
		t.Fatalf("the waiting batches were written as %v, want one group of five commits of two items", sizes)
	}
}

func TestAFailedCommitFailsEveryLaterOne(t *testing.T) {
	var g groupCommit
	g.cond.L = &g.mu
	a, b := g.queue(nil), g.queue(nil)
	fire := errors.New("disk on fire")
	if err := g.waitFor(a, func([]commitBatch) error { return fire }); !errors.Is(err, fire) {
		t.Fatalf("first commit: %v", err)
	}
	c := g.queue(nil)
	for _, seq := range []uint64{b, c} {
		if err := g.waitFor(seq, func([]commitBatch) error { t.Fatal("written after a failure"); return nil }); !errors.Is(err, fire) {
			t.Fatalf("commit %d: %v", seq, err)
		}
	}
}

func TestGroupCounts(t *testing.T) {
	var g groupCommit
	g.cond.L = &g.mu
	write := func([]commitBatch) error { return nil }
	g.queue(nil)
	g.queue(nil)
	mustOK(t, g.waitFor(g.queue(nil), write)) // the three queued are one group
	mustOK(t, g.waitFor(g.queue(nil), write))
	if commits, groups := g.counts(); commits != 4 || groups != 2 {
		t.Fatalf("%d commits in %d groups, want 4 in 2", commits, groups)
	}
}
