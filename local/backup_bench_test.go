package local

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// backupBenchTable creates an on-demand table of n items of about 100 bytes.
func backupBenchTable(b *testing.B, n int) (*Engine, *dynamodb.Client) {
	b.Helper()
	e, c := newClient(b)
	createPKSK(b, c, "tbl")
	fillEveryType(b, c, "tbl", n)
	return e, c
}

// BenchmarkCreateBackup measures a backup of a table of 100,000 items in
// memory: the clone under the table's lock is O(1).
func BenchmarkCreateBackup(b *testing.B) {
	_, c := backupBenchTable(b, 100_000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		backupOf(b, c, "tbl", fmt.Sprintf("bench%d", i))
	}
}

// BenchmarkRestoreTableFromBackup measures a restore of 100,000 items
// into a table with a global index.
func BenchmarkRestoreTableFromBackup(b *testing.B) {
	_, c := backupBenchTable(b, 100_000)
	arn := backupOf(b, c, "tbl", "bench")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String(fmt.Sprintf("res%d", i))})
		mustOK(b, err)
	}
}

// BenchmarkPutWithPITR measures a put into a table whose changes the
// recovery log keeps, against BenchmarkPutWithoutPITR.
func BenchmarkPutWithPITR(b *testing.B)    { benchPut(b, true) }
func BenchmarkPutWithoutPITR(b *testing.B) { benchPut(b, false) }

func benchPut(b *testing.B, pitr bool) {
	clock := &fakeClock{t: t0}
	e, c := newClient(b, WithClock(clock.now))
	createPKSK(b, c, "tbl")
	if pitr {
		enablePITR(b, c, "tbl", 1)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		clock.set(t0.Add(time.Duration(i) * time.Second)) // a day's log: 86,400 changes at most
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: everyType(fmt.Sprint(i%100), fmt.Sprint(i))})
		mustOK(b, err)
	}
	b.StopTimer()
	if tb := e.lookupTable("tbl"); tb.pitr != nil {
		size := 0
		for _, rec := range tb.pitr.log {
			size += len(rec)
		}
		b.ReportMetric(float64(size)/float64(max(len(tb.pitr.log), 1)), "logB/change")
	}
}
