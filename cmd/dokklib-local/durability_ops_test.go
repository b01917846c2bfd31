package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// durS returns a string attribute value.
func durS(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// durKey returns the key (pk, sk).
func durKey(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": durS(pk), "SK": durS(sk)}
}

// createDurTable creates the table the writers write: string keys PK and
// SK, and a GSI with them swapped.
func createDurTable(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String(durTable), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("SK"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("SK"), KeyType: types.KeyTypeRange},
		},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("bySK"),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String("SK"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("PK"), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// durWrite writes until ctx is done, in turn a put, a two-item
// transaction and a counter increment, recording them in led.
func durWrite(ctx context.Context, c *dynamodb.Client, w int, led *durLedger) {
	for i := 0; ctx.Err() == nil; i++ {
		switch i % 3 {
		case 0:
			durPut(ctx, c, w, i, led)
		case 1:
			durTx(ctx, c, w, i, led)
		default:
			durIncrement(ctx, c, w, led)
		}
	}
}

// durPut puts an item of its own.
func durPut(ctx context.Context, c *dynamodb.Client, w, i int, led *durLedger) {
	pk, v := fmt.Sprintf("put-%d-%d", w, i), strconv.Itoa(i*7)
	item := durKey(pk, "v")
	item["v"] = durS(v)
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(durTable), Item: item}); err == nil {
		led.mu.Lock()
		led.puts[pk], led.total = v, led.total+1
		led.mu.Unlock()
	}
}

// durTx writes two items in a transaction.
func durTx(ctx context.Context, c *dynamodb.Client, w, i int, led *durLedger) {
	id := fmt.Sprintf("tx-%d-%d", w, i)
	led.mu.Lock()
	led.txs[id] = false
	led.mu.Unlock()
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(durTable), Item: durKey(id, "a")}},
		{Put: &types.Put{TableName: aws.String(durTable), Item: durKey(id, "b")}},
	}})
	if err == nil {
		led.mu.Lock()
		led.txs[id], led.total = true, led.total+1
		led.mu.Unlock()
	}
}

// durIncrement adds one to the writer's counter.
func durIncrement(ctx context.Context, c *dynamodb.Client, w int, led *durLedger) {
	led.mu.Lock()
	led.counters[w].tried++
	led.mu.Unlock()
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(durTable), Key: durKey("counter-"+strconv.Itoa(w), "c"),
		UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	if err == nil {
		led.mu.Lock()
		led.counters[w].acked++
		led.total++
		led.mu.Unlock()
	}
}

// waitForAcks waits until led holds n acknowledgements, or limit passes.
func waitForAcks(led *durLedger, n int, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		led.mu.Lock()
		total := led.total
		led.mu.Unlock()
		if total >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// durScan returns every item of the table or index, by PK and SK.
func durScan(t *testing.T, c *dynamodb.Client, index *string) map[string]map[string]types.AttributeValue {
	t.Helper()
	out := map[string]map[string]types.AttributeValue{}
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(durTable), IndexName: index})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			out[durString(it["PK"])+"/"+durString(it["SK"])] = it
		}
	}
	return out
}

// durString returns the string of an S value, or "".
func durString(v types.AttributeValue) string {
	if s, ok := v.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// checkDurState checks the restarted server against the ledger.
func checkDurState(t *testing.T, c *dynamodb.Client, led *durLedger) {
	t.Helper()
	items := durScan(t, c, nil)
	for pk, v := range led.puts {
		if got := durString(items[pk+"/v"]["v"]); got != v {
			t.Errorf("acknowledged put %s: v = %q, want %q", pk, got, v)
		}
	}
	for id, acked := range led.txs {
		_, a := items[id+"/a"]
		_, b := items[id+"/b"]
		if a != b || (acked && !a) {
			t.Errorf("transaction %s (acknowledged %v): item a %v, item b %v", id, acked, a, b)
		}
	}
	for w, n := range led.counters {
		got := 0
		if v, ok := items["counter-"+strconv.Itoa(w)+"/c"]["n"].(*types.AttributeValueMemberN); ok {
			got, _ = strconv.Atoi(v.Value)
		}
		if got < n.acked || got > n.tried {
			t.Errorf("counter %d = %d, acknowledged %d of %d increments", w, got, n.acked, n.tried)
		}
		if got < led.seen[w] {
			t.Errorf("counter %d = %d, but a read answered %d before the kill", w, got, led.seen[w])
		}
	}
	if index := durScan(t, c, aws.String("bySK")); len(index) != len(items) {
		t.Errorf("index holds %d items, table %d", len(index), len(items))
	}
	desc, err := c.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(durTable)})
	if err != nil || aws.ToInt64(desc.Table.ItemCount) != int64(len(items)) {
		t.Errorf("DescribeTable: %v items, scan %d (%v)", desc, len(items), err)
	}
}
