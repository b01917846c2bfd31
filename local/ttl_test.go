package local

import (
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func TestTTLSweep(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	e, c := newClient(t, WithClock(clock.now), WithTTLInterval(0))
	createPKSK(t, c, "tbl")
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	put := func(sk, exp string) {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: withAttrs(pk("a", sk), "exp", num(exp))})
		mustOK(t, err)
	}
	put("soon", "1700000100")
	put("later", "1700009999")
	put("ancient", "100") // more than five years old: DynamoDB never expires it
	e.SweepExpired()
	count := func() int32 {
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("tbl")})
		mustOK(t, err)
		return out.Count
	}
	if n := count(); n != 3 {
		t.Fatalf("before expiry: %d items", n)
	}
	clock.set(time.Unix(1_700_000_200, 0))
	e.SweepExpired()
	if n := count(); n != 2 {
		t.Fatalf("after expiry: %d items", n)
	}
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("tbl"), IndexName: aws.String("GSI_1"),
		KeyConditionExpression: aws.String("SK = :s"), ExpressionAttributeValues: map[string]av{":s": str("soon")}})
	mustOK(t, err)
	if q.Count != 0 {
		t.Fatal("expired item still in the index")
	}
}

func TestTTLSweeperRuns(t *testing.T) {
	e, c := newClient(t, WithTTLInterval(5*time.Millisecond))
	createPKSK(t, c, "tbl")
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: withAttrs(pk("a", "b"), "exp", num("1700000000"))})
	mustOK(t, err)
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("tbl"), Key: pk("a", "b")})
		mustOK(t, err)
		if out.Item == nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	_ = e
	t.Fatal("the sweeper did not delete the expired item")
}
