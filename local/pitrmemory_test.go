package local

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// recoveryLog returns the held bytes, the length of table's recovery log
// and the bytes its changes cost.
func recoveryLog(e *Engine, table string) (held int64, n int, cost int64) {
	tb := e.lookupTable(table)
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	for _, rec := range tb.pitr.log {
		cost += changeCost(rec)
	}
	return tb.pitr.held, len(tb.pitr.log), cost
}

// putEveryMinute enables recovery of a new table "src" at t0, then puts
// a=1, a=2, ..., a=n, one a minute from t0+1m.
func putEveryMinute(t *testing.T, opts ...Option) (*Engine, *dynamodb.Client, *fakeClock) {
	clock := &fakeClock{t: t0}
	e, c := newClient(t, append(opts, WithClock(clock.now))...)
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	for i := 1; i <= 100; i++ {
		clock.set(t0.Add(time.Duration(i) * time.Minute))
		pitrPut(t, c, "src", "a", strconv.Itoa(i)+strings.Repeat("x", 40))
	}
	clock.set(t0.Add(3 * time.Hour))
	return e, c, clock
}

func TestPITRRecoveryMemoryBound(t *testing.T) {
	const budget = 2000
	e, c, _ := putEveryMinute(t, WithRecoveryMemory(budget))
	held, n, cost := recoveryLog(e, "src")
	if held != cost || held > budget || n == 0 || n >= 100 {
		t.Fatalf("the log holds %d changes, %d bytes (counted %d), budget %d", n, cost, held, budget)
	}
	// The changes of minutes 1 to 100-n were folded: the earliest
	// restorable time is that of the last, 100-n.
	first := 100 - n
	d, err := c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String("src")})
	mustOK(t, err)
	earliest := d.ContinuousBackupsDescription.PointInTimeRecoveryDescription.EarliestRestorableDateTime
	if want := t0.Add(time.Duration(first) * time.Minute); !earliest.Equal(want) {
		t.Fatalf("EarliestRestorableDateTime = %v, want %v", earliest.Sub(t0), want.Sub(t0))
	}
	_, err = restoreAt(c, "src", "before", earliest.Add(-time.Second))
	wantErr(t, err, "InvalidRestoreTimeException", "")
	for i, at := range []time.Time{*earliest, earliest.Add(30 * time.Second), earliest.Add(10*time.Minute + time.Second)} {
		target := fmt.Sprintf("at%d", i)
		_, err := restoreAt(c, "src", target, at)
		mustOK(t, err)
		minute := int(at.Sub(t0) / time.Minute)
		if got, want := contents(t, c, target), "a="+strconv.Itoa(minute)+strings.Repeat("x", 40); got != want {
			t.Errorf("at %v: %q, want %q", at.Sub(t0), got, want)
		}
	}
}

func TestPITRRecoveryMemoryDefault(t *testing.T) {
	e, c, _ := putEveryMinute(t)
	if held, n, cost := recoveryLog(e, "src"); n != 100 || held != cost {
		t.Fatalf("the log holds %d changes (%d bytes, counted %d), want all 100", n, cost, held)
	}
	d, err := c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String("src")})
	mustOK(t, err)
	if earliest := d.ContinuousBackupsDescription.PointInTimeRecoveryDescription.EarliestRestorableDateTime; !earliest.Equal(t0) {
		t.Fatalf("EarliestRestorableDateTime = %v, want the time recovery was enabled", earliest.Sub(t0))
	}
}
