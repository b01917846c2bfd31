package local

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// listOf lists the backups of type typ ("" for the default).
func listOf(t testing.TB, c *dynamodb.Client, typ types.BackupTypeFilter) []types.BackupSummary {
	t.Helper()
	out, err := c.ListBackups(ctx, &dynamodb.ListBackupsInput{BackupType: typ})
	mustOK(t, err)
	return out.BackupSummaries
}

// testSystemBackup deletes a table with point-in-time recovery enabled
// and one without, and checks the SYSTEM backup of the first; reopen, if
// not nil, reopens the engine before the checks.
func testSystemBackup(t *testing.T, c *dynamodb.Client, clock *fakeClock, reopen func() *dynamodb.Client) {
	createPKSK(t, c, "src")
	createPKSK(t, c, "plain")
	pitrPut(t, c, "src", "a", "1")
	enablePITR(t, c, "src", 0)
	for _, name := range []string{"src", "plain"} {
		_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		mustOK(t, err)
	}
	if reopen != nil {
		c = reopen()
	}
	if got := listOf(t, c, ""); len(got) != 0 {
		t.Fatalf("ListBackups lists USER backups by default, got %+v", got)
	}
	sys := listOf(t, c, types.BackupTypeFilterSystem)
	if len(sys) != 1 || aws.ToString(sys[0].BackupName) != "src$DeletedTableBackup" || sys[0].BackupType != types.BackupTypeSystem ||
		sys[0].BackupExpiryDateTime == nil || !sys[0].BackupExpiryDateTime.Equal(t0.Add(35*24*time.Hour)) {
		t.Fatalf("SYSTEM backups: %+v", sys)
	}
	if all := listOf(t, c, types.BackupTypeFilterAll); len(all) != 1 {
		t.Fatalf("ALL backups: %+v", all)
	}
	arn := aws.ToString(sys[0].BackupArn)
	_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("src")})
	mustOK(t, err)
	if got := contents(t, c, "src"); got != "a=1" {
		t.Fatalf("restored from the SYSTEM backup: %q", got)
	}
	_, err = c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(arn)})
	wantErr(t, err, "ValidationException", "")
	clock.set(t0.Add(35 * 24 * time.Hour))
	_, err = c.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String(arn)})
	wantErr(t, err, "BackupNotFoundException", "Backup not found: "+arn)
	if all := listOf(t, c, types.BackupTypeFilterAll); len(all) != 0 {
		t.Fatalf("an expired backup is listed: %+v", all)
	}
}

func TestSystemBackupOfDeletedTable(t *testing.T) {
	clock := &fakeClock{t: t0}
	_, c := newClient(t, WithClock(clock.now))
	testSystemBackup(t, c, clock, nil)
}

func TestSystemBackupSurvivesReopen(t *testing.T) {
	clock := &fakeClock{t: t0}
	dir := t.TempDir()
	e := openT(t, dir, WithClock(clock.now))
	testSystemBackup(t, e.Client(), clock, func() *dynamodb.Client {
		mustOK(t, e.Close())
		return openT(t, dir, WithClock(clock.now)).Client()
	})
}

func TestExpiredSystemBackupLeavesTheDataFile(t *testing.T) {
	clock := &fakeClock{t: t0}
	dir := t.TempDir()
	e := openT(t, dir, WithClock(clock.now))
	c := e.Client()
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("src")})
	mustOK(t, err)
	mustOK(t, e.Close())
	clock.set(t0.Add(36 * 24 * time.Hour))
	e = openT(t, dir, WithClock(clock.now))
	mustOK(t, e.Close())
	clock.set(t0) // were it still in the file, it would be listed again
	c = openT(t, dir, WithClock(clock.now)).Client()
	if all := listOf(t, c, types.BackupTypeFilterAll); len(all) != 0 {
		t.Fatalf("an expired backup came back: %+v", all)
	}
}
