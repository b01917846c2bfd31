package local

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// recorder is a change consumer that keeps what it is given.
type recorder struct {
	on      bool
	commits [][]change
	times   []time.Time
}

func (r *recorder) capturing() bool { return r.on }

func (r *recorder) consume(_ *table, changes []change, at time.Time) {
	r.commits = append(r.commits, append([]change(nil), changes...))
	r.times = append(r.times, at)
}

// summary describes a commit's changes as "SK:old>new" with the values
// of attribute v ("-" for no item).
func (r *recorder) summary(i int) []string {
	var out []string
	img := func(it ddbtype.Item) string {
		if it == nil {
			return "-"
		}
		return it["v"].S
	}
	for _, c := range r.commits[i] {
		sk := c.new["SK"].S
		if c.new == nil {
			sk = c.old["SK"].S
		}
		s := sk + ":" + img(c.old) + ">" + img(c.new)
		if c.byTTL {
			s += " ttl"
		}
		out = append(out, s)
	}
	return out
}

func TestCapturedChanges(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	e, c := newClient(t, WithClock(clock.now), WithTTLInterval(0))
	for _, name := range []string{"tbl", "other"} {
		createPKSK(t, c, name)
	}
	rec := &recorder{on: true}
	tbl := e.lookupTable("tbl")
	tbl.mu.Lock()
	tbl.addConsumer(rec)
	tbl.mu.Unlock()
	item := func(sk, v string) map[string]av { return withAttrs(pk("a", sk), "v", str(v)) }
	put := func(sk, v string) {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: item(sk, v)})
		mustOK(t, err)
	}
	put("1", "x")
	put("1", "y")
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("tbl"), Key: pk("a", "1"),
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: map[string]av{":v": str("z")}})
	mustOK(t, err)
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
		"tbl":   {{PutRequest: &types.PutRequest{Item: item("2", "b")}}, {DeleteRequest: &types.DeleteRequest{Key: pk("a", "1")}}},
		"other": {{PutRequest: &types.PutRequest{Item: item("9", "o")}}},
	}})
	mustOK(t, err)
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("tbl"), Item: item("3", "c")}},
		{Put: &types.Put{TableName: aws.String("other"), Item: item("8", "p")}},
	}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: item("3", "never"),
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if err == nil {
		t.Fatal("conditional put succeeded")
	}
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: pk("a", "3")})
	mustOK(t, err)
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: withAttrs(item("4", "d"), "exp", num("1700000100"))})
	mustOK(t, err)
	clock.set(time.Unix(1_700_000_200, 0))
	e.SweepExpired()

	want := [][]string{{"1:->x"}, {"1:x>y"}, {"1:y>z"}, {"2:->b", "1:z>-"}, {"3:->c"}, {"3:c>-"}, {"4:->d"}, {"4:d>- ttl"}}
	if len(rec.commits) != len(want) {
		t.Fatalf("%d commits captured, want %d: %v", len(rec.commits), len(want), rec.commits)
	}
	for i, w := range want {
		if got := rec.summary(i); !slices.Equal(got, w) {
			t.Errorf("commit %d: %v, want %v", i, got, w)
		}
	}
	if !rec.times[len(want)-1].Equal(clock.now()) {
		t.Errorf("last commit at %v, want the engine's clock %v", rec.times[len(want)-1], clock.now())
	}

	rec.on = false
	tbl.mu.Lock()
	tbl.setCapture()
	tbl.mu.Unlock()
	put("5", "e")
	if len(rec.commits) != len(want) {
		t.Error("a consumer that does not capture was given changes")
	}
}
