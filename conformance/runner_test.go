package conformance

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// maxParallel bounds how many cases run at once, whatever -parallel says:
// each case creates and deletes tables.
const maxParallel = 8

var slots = make(chan struct{}, maxParallel)

// engineName is the in-process engine's backend name.
const engineName = "engine"

// runCases runs each case, in parallel, on every backend in turn, then
// compares the backends' outcomes.
func runCases(t *testing.T, cases []Case) {
	seen := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		if seen[c.Name] {
			t.Fatalf("duplicate case name %q", c.Name)
		}
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			slots <- struct{}{}
			defer func() { <-slots }()
			runs := make([]*Env, len(backends()))
			for i, b := range backends() {
				t.Run(b.Name, func(t *testing.T) { runs[i] = runOn(t, b, c) })
			}
			compareRuns(t, c, runs)
		})
	}
}

// runOn runs case c on backend b. It returns the run when it passed, for the
// comparison between backends, and nil otherwise.
func runOn(t *testing.T, b *Backend, c *Case) *Env {
	switch {
	case b.Skip != "":
		t.Skip(b.Skip)
	case b.IsLocal() && c.LocalDiffers != "":
		t.Skip("localDiffers: " + c.LocalDiffers)
	}
	e := newEnv(t, b, c)
	e.runCase(c)
	e.cleanup()
	return e.report(c)
}

// runCase creates the case's tables and runs its steps; a panic (such as an
// aborted step or a crash in the engine) ends the case as a failure.
func (e *Env) runCase(c *Case) {
	defer func() {
		if r := recover(); r != nil && r != errAbort {
			e.Errorf("panic: %v", r)
		}
	}()
	e.createTable("$T", c.Table)
	e.createTable("$T2", c.Table2)
	for _, s := range c.Steps {
		e.Do(s)
	}
	if c.Run != nil {
		c.Run(e)
	}
}

// createTable creates table placeholder from spec, when spec is set, and
// waits until it is active.
func (e *Env) createTable(placeholder string, spec *dynamodb.CreateTableInput) {
	if spec == nil {
		return
	}
	in := *spec
	in.TableName = aws.String(placeholder)
	if o := e.do("setup "+placeholder, Step{Call: &in}); o.code != "" {
		panic(errAbort)
	}
	e.WaitActive(placeholder)
}

// WaitActive waits until table placeholder and its indexes are ACTIVE.
func (e *Env) WaitActive(placeholder string) {
	for deadline := time.Now().Add(time.Minute); ; {
		o := e.Call(&dynamodb.DescribeTableInput{TableName: aws.String(placeholder)})
		if o.code != "" {
			e.Fatalf("DescribeTable %s: %s", placeholder, o.describe())
		}
		if activeOnly(o.body) {
			return
		}
		if time.Now().After(deadline) {
			e.Fatalf("table %s is not ACTIVE after a minute", placeholder)
		}
		sleep()
	}
}

// sleep pauses between polls of a table's status.
func sleep() { time.Sleep(100 * time.Millisecond) }

// activeOnly reports whether a DescribeTable response shows the table and
// all its global indexes ACTIVE.
func activeOnly(body any) bool {
	table, _ := body.(map[string]any)["Table"].(map[string]any)
	if table["TableStatus"] != "ACTIVE" {
		return false
	}
	gsis, _ := table["GlobalSecondaryIndexes"].([]any)
	for _, g := range gsis {
		if g.(map[string]any)["IndexStatus"] != "ACTIVE" {
			return false
		}
	}
	return true
}

// cleanup deletes the tables the run created.
func (e *Env) cleanup() {
	for _, name := range e.created {
		o := e.Call(&dynamodb.DeleteTableInput{TableName: aws.String(name)})
		if o.code != "" && o.code != "ResourceNotFoundException" {
			e.Errorf("cleanup: DeleteTable %s: %s", name, o.describe())
		}
	}
}

// report turns the run's failures into test results, honouring the case's
// EngineGap, and returns the run when it passed.
func (e *Env) report(c *Case) *Env {
	t := e.T
	gap := e.B.Name == engineName && c.EngineGap != ""
	switch {
	case gap && len(e.fails) > 0:
		t.Skipf("engineGap: %s\n%s", c.EngineGap, strings.Join(e.fails, "\n"))
	case gap:
		t.Errorf("engineGap %q: the case passes on the engine now; remove the mark", c.EngineGap)
	case len(e.fails) > 0:
		for _, f := range e.fails {
			t.Error(f)
		}
	default:
		return e
	}
	return nil
}

// compareRuns compares the outcomes of the backends that passed the case,
// step by step, leaving out steps marked LocalDiffers.
func compareRuns(t *testing.T, c *Case, runs []*Env) {
	if len(runs) < 2 || runs[0] == nil || runs[1] == nil || c.EngineGap != "" {
		return
	}
	a, b := runs[0], runs[1]
	if len(a.log) != len(b.log) {
		t.Errorf("%s made %d requests, %s %d", a.B.Name, len(a.log), b.B.Name, len(b.log))
		return
	}
	for i := range a.log {
		for _, d := range diffOutcomes(a.log[i], b.log[i]) {
			t.Errorf("%s and %s differ at request %d (%s): %s", a.B.Name, b.B.Name, i+1, a.log[i].op, d)
		}
	}
}

// diffOutcomes lists the differences between two backends' outcomes of the
// same request.
func diffOutcomes(a, b outcome) []string {
	switch {
	case !a.compare || !b.compare:
		return nil
	case a.code != b.code:
		return []string{fmt.Sprintf("%s vs %s", a.describe(), b.describe())}
	case a.status != b.status:
		return []string{fmt.Sprintf("HTTP status %d vs %d", a.status, b.status)}
	case a.code != "":
		return nil
	}
	m := &matcher{intersect: true}
	m.diff("response", a.body, b.body)
	return m.diffs
}
