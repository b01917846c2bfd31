package local

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// testPITRUnderWrites restores a table to points in time while a writer
// changes it, and checks that each restore is a consistent state of it:
// the changes of a transaction all in, or all out.
func testPITRUnderWrites(t *testing.T, c *dynamodb.Client, clock *fakeClock) {
	createPKSK(t, c, "live")
	enablePITR(t, c, "live", 0)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); writeCounted(t, c, "live", 3000, stop) }()
	var times []time.Time
	for range 6 {
		time.Sleep(2 * time.Millisecond)
		clock.set(clock.now().Add(time.Second))
		times = append(times, clock.now())
	}
	close(stop)
	wg.Wait()
	clock.set(clock.now().Add(time.Hour)) // every time restorable
	prev := -1
	var seen []int
	for i, at := range times {
		target := "at" + strconv.Itoa(i)
		_, err := c.RestoreTableToPointInTime(ctx, &dynamodb.RestoreTableToPointInTimeInput{SourceTableName: aws.String("live"),
			TargetTableName: aws.String(target), RestoreDateTime: aws.Time(at)})
		mustOK(t, err)
		n := checkCounted(t, c, target)
		if n < prev {
			t.Fatalf("restores went back in time: %d after %d", n, prev)
		}
		prev = n
		seen = append(seen, n)
	}
	t.Logf("states restored: %v", seen)
}

func TestPITRConsistentUnderWrites(t *testing.T) {
	clock := &fakeClock{t: t0}
	_, c := newClient(t, WithClock(clock.now))
	testPITRUnderWrites(t, c, clock)
}

func TestPITRConsistentUnderWritesOnDisk(t *testing.T) {
	clock := &fakeClock{t: t0}
	e := openT(t, t.TempDir(), WithClock(clock.now))
	testPITRUnderWrites(t, e.Client(), clock)
}

func TestPITREnabledDuringWritesOnDisk(t *testing.T) {
	clock := &fakeClock{t: t0}
	e := openT(t, t.TempDir(), WithClock(clock.now))
	c := e.Client()
	createPKSK(t, c, "live")
	fillEveryType(t, c, "live", backupCopyBatch+50) // a base of more than one transaction
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); writeCounted(t, c, "live", 3000, stop) }()
	time.Sleep(5 * time.Millisecond)
	enablePITR(t, c, "live", 0)
	time.Sleep(5 * time.Millisecond)
	close(stop)
	wg.Wait()
	clock.set(t0.Add(time.Hour))
	_, err := c.RestoreTableToPointInTime(ctx, &dynamodb.RestoreTableToPointInTimeInput{SourceTableName: aws.String("live"),
		TargetTableName: aws.String("back"), UseLatestRestorableTime: aws.Bool(true)})
	mustOK(t, err)
	out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("back"), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "count"}, "SK": &types.AttributeValueMemberS{Value: "count"}}})
	mustOK(t, err)
	n, _ := strconv.Atoi(out.Item["N"].(*types.AttributeValueMemberN).Value)
	if got := countItems(t, c, "back", ""); got != backupCopyBatch+50+n+1 {
		t.Fatalf("restored %d items, want %d of the fill, %d counted and the counter", got, backupCopyBatch+50, n)
	}
	if live := countItems(t, c, "live", ""); live != backupCopyBatch+50+n+1 {
		t.Fatalf("the latest restore holds %d counted writes, the table %d items", n, live)
	}
}
