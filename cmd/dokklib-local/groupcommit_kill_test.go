package main

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// durKillRounds is how many times TestGroupCommitAcrossKills kills the
// server.
const durKillRounds = 3

// TestGroupCommitAcrossKills kills the server again and again while eight
// writers share its syncs to disk (group commit) with transactions in
// flight and readers read what they write: after each restart every
// acknowledged write is there, no transaction is there in part, and no
// counter is below a value a read answered before the kill, since a read
// waits for the writes it sees to be durable.
func TestGroupCommitAcrossKills(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server; skipped with -short")
	}
	bin, dir := buildDurServer(t), t.TempDir()
	p := startDurProcess(t, bin, dir)
	createDurTable(t, p.client())
	led := &durLedger{puts: map[string]string{}, txs: map[string]bool{}}
	for round := range durKillRounds {
		before := led.total
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for w := range durWriters {
			wg.Add(2)
			go func() {
				defer wg.Done()
				durWrite(ctx, p.client(), w, led)
			}()
			go func() {
				defer wg.Done()
				durRead(ctx, p.client(), w, led)
			}()
		}
		waitForAcks(led, before+durKillAfter, durLoadLimit)
		p.kill(t)
		cancel()
		wg.Wait()
		t.Logf("round %d: killed after %d acknowledged writes", round, led.total-before)
		if led.total == before {
			t.Fatalf("round %d: no write was acknowledged", round)
		}
		p = startDurProcess(t, bin, dir)
		checkDurState(t, p.checkClient(), led)
	}
}

// durRead reads writer w's counter until ctx is done, recording in led
// the highest value a read answered.
func durRead(ctx context.Context, c *dynamodb.Client, w int, led *durLedger) {
	key := durKey("counter-"+strconv.Itoa(w), "c")
	for ctx.Err() == nil {
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(durTable), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			continue
		}
		if v, ok := out.Item["n"].(*types.AttributeValueMemberN); ok {
			n, _ := strconv.Atoi(v.Value)
			led.mu.Lock()
			led.seen[w] = max(led.seen[w], n)
			led.mu.Unlock()
		}
	}
}
