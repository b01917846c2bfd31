package local

import (
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// writeCounted writes items "i" together with the counter item "count"
// holding i+1, in one transaction each, for i from 0 until stop is closed
// or max is reached, and returns how many it wrote.
func writeCounted(t testing.TB, c *dynamodb.Client, table string, max int, stop <-chan struct{}) int {
	for i := range max {
		select {
		case <-stop:
			return i
		default:
		}
		_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: aws.String(table), Item: map[string]types.AttributeValue{
				"PK": &types.AttributeValueMemberS{Value: "i"}, "SK": &types.AttributeValueMemberS{Value: strconv.Itoa(i)}}}},
			{Put: &types.Put{TableName: aws.String(table), Item: map[string]types.AttributeValue{
				"PK": &types.AttributeValueMemberS{Value: "count"}, "SK": &types.AttributeValueMemberS{Value: "count"},
				"N": &types.AttributeValueMemberN{Value: strconv.Itoa(i + 1)}}}},
		}})
		if err != nil {
			t.Error(err)
			return i
		}
	}
	return max
}

// checkCounted checks that table holds as many items "i" as its counter
// says, both in the table and in its GSI: that it is a consistent
// snapshot of writeCounted's writes.
func checkCounted(t testing.TB, c *dynamodb.Client, table string) int {
	t.Helper()
	out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "count"}, "SK": &types.AttributeValueMemberS{Value: "count"}}})
	mustOK(t, err)
	want := 0
	if n, ok := out.Item["N"].(*types.AttributeValueMemberN); ok {
		want, _ = strconv.Atoi(n.Value)
	}
	got := countItems(t, c, table, "") - min(want, 1)
	gsi := countItems(t, c, table, "GSI_1") - min(want, 1)
	if got != want || gsi != want {
		t.Fatalf("%s: counter %d, %d items, %d in its GSI", table, want, got, gsi)
	}
	return want
}

// testBackupsUnderWrites takes backups of a table while a writer changes
// it and checks that each restores a consistent snapshot.
func testBackupsUnderWrites(t *testing.T, c *dynamodb.Client) {
	createPKSK(t, c, "live")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); writeCounted(t, c, "live", 5000, stop) }()
	var arns []string
	for i := range 8 {
		arns = append(arns, backupOf(t, c, "live", "snap"+strconv.Itoa(i)))
	}
	close(stop)
	wg.Wait()
	seen := map[int]bool{}
	for i, arn := range arns {
		target := "restored" + strconv.Itoa(i)
		_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String(target)})
		mustOK(t, err)
		seen[checkCounted(t, c, target)] = true
	}
	t.Logf("%d backups saw %d distinct states", len(arns), len(seen))
}

func TestBackupConsistentUnderWrites(t *testing.T) {
	_, c := newClient(t)
	testBackupsUnderWrites(t, c)
}

func TestBackupConsistentUnderWritesOnDisk(t *testing.T) {
	e := openT(t, t.TempDir())
	testBackupsUnderWrites(t, e.Client())
}

func TestBackupSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	c := e.Client()
	createIndexed(t, c, "src")
	putN(t, c, "src", "a", 0, backupCopyBatch+10) // more than one copying transaction
	arn := backupOf(t, c, "src", "disk")
	putN(t, c, "src", "b", 0, 5)
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("src")})
	mustOK(t, err)
	gone := backupOf(t, c, mustTable(t, c, "other"), "gone")
	_, err = c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(gone)})
	mustOK(t, err)
	mustOK(t, e.Close())

	e = openT(t, dir)
	c = e.Client()
	out, err := c.ListBackups(ctx, &dynamodb.ListBackupsInput{})
	mustOK(t, err)
	if len(out.BackupSummaries) != 1 || aws.ToString(out.BackupSummaries[0].BackupArn) != arn {
		t.Fatalf("backups after reopening: %+v", out.BackupSummaries)
	}
	_, err = c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("back")})
	mustOK(t, err)
	mustOK(t, e.Close())

	e = openT(t, dir) // the restored table was written to the file
	c = e.Client()
	for _, idx := range []string{"", "GSI_1", "LSI_1"} {
		if n := countItems(t, c, "back", idx); n != backupCopyBatch+10 {
			t.Errorf("restored %q holds %d items", idx, n)
		}
	}
	dt, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("back")})
	mustOK(t, err)
	if dt.Table.RestoreSummary == nil || aws.ToString(dt.Table.RestoreSummary.SourceBackupArn) != arn {
		t.Errorf("RestoreSummary after reopening = %+v", dt.Table.RestoreSummary)
	}
}

// mustTable creates an on-demand table called name and returns its name.
func mustTable(t testing.TB, c *dynamodb.Client, name string) string {
	t.Helper()
	createPKSK(t, c, name)
	return name
}
