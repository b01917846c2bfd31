package local

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestConcurrentTransfers moves units between accounts with transactions
// while other goroutines put, query and scan; the total never changes.
func TestConcurrentTransfers(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "bank")
	const accounts, workers, rounds = 8, 8, 40
	for i := range accounts {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bank"), Item: withAttrs(pk("acct", fmt.Sprint(i)), "bal", num("100"))})
		mustOK(t, err)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(2)
		go func() { defer wg.Done(); transferLoop(t, c, w, accounts, rounds) }()
		go func() { defer wg.Done(); readLoop(t, c, w, rounds, accounts) }()
	}
	wg.Wait()
	if total := sumBalances(t, c); total != 100*accounts {
		t.Fatalf("total %d", total)
	}
}

// transferLoop moves one unit between two accounts, conditionally.
func transferLoop(t *testing.T, c *dynamodb.Client, w, accounts, rounds int) {
	for r := range rounds {
		from, to := (w+r)%accounts, (w+r+1+r%3)%accounts
		if from == to {
			continue
		}
		_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Update: &types.Update{TableName: aws.String("bank"), Key: pk("acct", fmt.Sprint(from)), UpdateExpression: aws.String("SET bal = bal - :one"),
				ConditionExpression: aws.String("bal >= :one"), ExpressionAttributeValues: map[string]av{":one": num("1")}}},
			{Update: &types.Update{TableName: aws.String("bank"), Key: pk("acct", fmt.Sprint(to)), UpdateExpression: aws.String("SET bal = bal + :one"),
				ExpressionAttributeValues: map[string]av{":one": num("1")}}},
		}})
		if err != nil {
			t.Errorf("transfer: %v", err)
			return
		}
	}
}

// readLoop puts unrelated items and checks the invariant with queries.
func readLoop(t *testing.T, c *dynamodb.Client, w, rounds, accounts int) {
	for r := range rounds {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bank"), Item: pk("other", fmt.Sprintf("%d-%d", w, r))})
		if err != nil {
			t.Errorf("put: %v", err)
			return
		}
		if total := sumBalances(t, c); total != 100*accounts {
			t.Errorf("total %d during transfers", total)
			return
		}
	}
}

// sumBalances adds up all balances with one query.
func sumBalances(t *testing.T, c *dynamodb.Client) int {
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("bank"), KeyConditionExpression: aws.String("PK = :p"),
		ExpressionAttributeValues: map[string]av{":p": str("acct")}, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Errorf("query: %v", err)
		return -1
	}
	total := 0
	for _, it := range out.Items {
		n, _ := strconv.Atoi(it["bal"].(*types.AttributeValueMemberN).Value)
		total += n
	}
	return total
}
