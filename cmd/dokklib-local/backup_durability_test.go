package main

// Backups and the point-in-time recovery log across SIGKILL: the server,
// run with -data, is killed while a client writes and backs up; every
// acknowledged backup must be there after, and a restore to the latest
// time must hold every acknowledged write.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/local"
)

// bkWrites puts items "w0", "w1"... until ctx is done, and returns how
// many were acknowledged, in order: one writer, so the acknowledged ones
// are a prefix.
func bkWrites(ctx context.Context, c *dynamodb.Client) int {
	for i := 0; i < 100000; i++ {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("dur"), Item: map[string]types.AttributeValue{
			"PK": durS(fmt.Sprintf("w%d", i))}})
		if err != nil {
			return i
		}
	}
	return 100000
}

func TestBackupsAndRecoveryLogAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server; skipped with -short")
	}
	bin, dir := buildDurServer(t), t.TempDir()
	p := startDurProcess(t, bin, dir)
	c := p.client()
	_, err := c.CreateTable(bkCtx(t), &dynamodb.CreateTableInput{TableName: aws.String("dur"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash}}})
	mustNoErr(t, err)
	_, err = c.UpdateContinuousBackups(bkCtx(t), &dynamodb.UpdateContinuousBackupsInput{TableName: aws.String("dur"),
		PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)}})
	mustNoErr(t, err)

	wctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var acked int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); acked = bkWrites(wctx, p.client()) }()
	var arns []string
	for i := range 5 { // backups taken while the writes go on
		time.Sleep(20 * time.Millisecond)
		out, err := c.CreateBackup(bkCtx(t), &dynamodb.CreateBackupInput{TableName: aws.String("dur"), BackupName: aws.String(fmt.Sprintf("bk%d", i))})
		mustNoErr(t, err)
		arns = append(arns, aws.ToString(out.BackupDetails.BackupArn))
	}
	p.kill(t) // SIGKILL, with the writer still writing
	cancel()
	wg.Wait()
	t.Logf("killed after %d acknowledged writes and %d backups", acked, len(arns))

	// In process, an hour later, so that every write is restorable.
	later := time.Now().Add(time.Hour)
	e, err := local.Open(dir, local.WithClock(func() time.Time { return later }), local.WithTTLInterval(0))
	mustNoErr(t, err)
	defer e.Close()
	lc := e.Client(func(o *dynamodb.Options) {
		o.Credentials = p.client().Options().Credentials // the server's namespace
	})
	for i, arn := range arns {
		_, err := lc.RestoreTableFromBackup(bkCtx(t), &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String(fmt.Sprintf("bk%d", i))})
		mustNoErr(t, err)
		checkPrefix(t, lc, fmt.Sprintf("bk%d", i))
	}
	_, err = lc.RestoreTableToPointInTime(bkCtx(t), &dynamodb.RestoreTableToPointInTimeInput{SourceTableName: aws.String("dur"),
		TargetTableName: aws.String("latest"), UseLatestRestorableTime: aws.Bool(true)})
	mustNoErr(t, err)
	if n := checkPrefix(t, lc, "latest"); n < acked {
		t.Fatalf("the latest restore holds %d writes, %d were acknowledged", n, acked)
	}
	for i := range acked {
		out, err := lc.GetItem(bkCtx(t), &dynamodb.GetItemInput{TableName: aws.String("latest"), Key: map[string]types.AttributeValue{"PK": durS(fmt.Sprintf("w%d", i))}})
		mustNoErr(t, err)
		if out.Item == nil {
			t.Fatalf("acknowledged write w%d missing from the latest restore", i)
		}
	}
}

// bkCtx returns the test's context.
func bkCtx(t *testing.T) context.Context { return t.Context() }

// checkPrefix checks that table holds items w0 to w(n-1) for some n: a
// consistent state of bkWrites' writes, one after another.
func checkPrefix(t *testing.T, c *dynamodb.Client, table string) int {
	t.Helper()
	out, err := c.Scan(bkCtx(t), &dynamodb.ScanInput{TableName: aws.String(table)})
	mustNoErr(t, err)
	have := map[string]bool{}
	for _, it := range out.Items {
		have[it["PK"].(*types.AttributeValueMemberS).Value] = true
	}
	for i := range len(have) {
		if !have[fmt.Sprintf("w%d", i)] {
			t.Fatalf("%s: %d items but no w%d: not a state the writes went through", table, len(have), i)
		}
	}
	return len(have)
}
