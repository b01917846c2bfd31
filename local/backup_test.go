package local

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The shapes, ARNs and messages these tests expect are those of the
// DynamoDB API reference (CreateBackup, DescribeBackup, ListBackups,
// DeleteBackup, RestoreTableFromBackup, BackupDetails, BackupSummary,
// SourceTableDetails, SourceTableFeatureDetails, RestoreSummary), the AWS
// CLI's create-backup example for the ARN, and moto's models for the
// messages of TableNotFoundException, BackupNotFoundException and
// TableAlreadyExistsException. DynamoDB Local has no backups, so there is
// no conformance case to run against it.

// backupARNPattern is the form of DynamoDB's backup ARNs.
var backupARNPattern = regexp.MustCompile(`^arn:aws:dynamodb:us-east-1:000000000000:table/[^/]+/backup/\d{14}-[0-9a-f]{8}$`)

// createIndexed creates table name with keys PK and SK, the GSI "GSI_1"
// (SK, PK) and the LSI "LSI_1" (PK, N), provisioned.
func createIndexed(t testing.TB, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:             aws.String(name),
		AttributeDefinitions:  attrDefs("PK", "S", "SK", "S", "N", "N"),
		KeySchema:             keySchemaOf("PK", "SK"),
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(6)},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:             aws.String("GSI_1"),
			KeySchema:             keySchemaOf("SK", "PK"),
			Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(3), WriteCapacityUnits: aws.Int64(4)},
		}},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
			IndexName:  aws.String("LSI_1"),
			KeySchema:  keySchemaOf("PK", "N"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
	})
	mustOK(t, err)
}

// putN puts items PK=p, SK=s<i>, N=i for i in [from, to).
func putN(t testing.TB, c *dynamodb.Client, table, p string, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: p},
			"SK": &types.AttributeValueMemberS{Value: fmt.Sprintf("s%04d", i)},
			"N":  &types.AttributeValueMemberN{Value: strconv.Itoa(i)},
		}})
		mustOK(t, err)
	}
}

// backupOf creates a backup of table called name and returns its ARN.
func backupOf(t testing.TB, c *dynamodb.Client, table, name string) string {
	t.Helper()
	out, err := c.CreateBackup(ctx, &dynamodb.CreateBackupInput{TableName: aws.String(table), BackupName: aws.String(name)})
	mustOK(t, err)
	return aws.ToString(out.BackupDetails.BackupArn)
}

// countItems scans table, or one of its indexes, and counts its items.
func countItems(t testing.TB, c *dynamodb.Client, table, index string) int {
	t.Helper()
	in := &dynamodb.ScanInput{TableName: aws.String(table), Select: types.SelectCount}
	if index != "" {
		in.IndexName = aws.String(index)
	}
	n := 0
	p := dynamodb.NewScanPaginator(c, in)
	for i := 0; p.HasMorePages() && i < 10000; i++ {
		out, err := p.NextPage(ctx)
		mustOK(t, err)
		n += int(out.Count)
	}
	return n
}

func TestBackupCreateDescribeRestore(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 123e6)}
	_, c := newClient(t, WithClock(clock.now))
	createIndexed(t, c, "src")
	putN(t, c, "src", "a", 0, 30)
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("src"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)

	out, err := c.CreateBackup(ctx, &dynamodb.CreateBackupInput{TableName: aws.String("src"), BackupName: aws.String("first.backup-1")})
	mustOK(t, err)
	d := out.BackupDetails
	arn := aws.ToString(d.BackupArn)
	if !backupARNPattern.MatchString(arn) || arn[len(arn)-23:len(arn)-9] != "01700000000123" {
		t.Fatalf("BackupArn = %s", arn)
	}
	if aws.ToString(d.BackupName) != "first.backup-1" || d.BackupStatus != types.BackupStatusAvailable ||
		d.BackupType != types.BackupTypeUser || !d.BackupCreationDateTime.Equal(clock.now()) || aws.ToInt64(d.BackupSizeBytes) == 0 {
		t.Fatalf("BackupDetails = %+v", d)
	}
	putN(t, c, "src", "b", 0, 5) // after the backup: not in it

	desc, err := c.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String(arn)})
	mustOK(t, err)
	src := desc.BackupDescription.SourceTableDetails
	if aws.ToString(src.TableName) != "src" || aws.ToInt64(src.ItemCount) != 30 || aws.ToInt64(src.TableSizeBytes) != aws.ToInt64(d.BackupSizeBytes) ||
		aws.ToInt64(src.ProvisionedThroughput.ReadCapacityUnits) != 5 || src.BillingMode != types.BillingModeProvisioned || len(src.KeySchema) != 2 {
		t.Fatalf("SourceTableDetails = %+v", src)
	}
	f := desc.BackupDescription.SourceTableFeatureDetails
	if len(f.GlobalSecondaryIndexes) != 1 || aws.ToString(f.GlobalSecondaryIndexes[0].IndexName) != "GSI_1" ||
		aws.ToInt64(f.GlobalSecondaryIndexes[0].ProvisionedThroughput.WriteCapacityUnits) != 4 ||
		len(f.LocalSecondaryIndexes) != 1 || f.TimeToLiveDescription == nil || aws.ToString(f.TimeToLiveDescription.AttributeName) != "exp" {
		t.Fatalf("SourceTableFeatureDetails = %+v", f)
	}

	clock.set(clock.now().Add(time.Minute))
	r, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("dst")})
	mustOK(t, err)
	td := r.TableDescription
	rs := td.RestoreSummary
	if rs == nil || aws.ToString(rs.SourceBackupArn) != arn || !rs.RestoreDateTime.Equal(clock.now()) || aws.ToBool(rs.RestoreInProgress) ||
		aws.ToString(rs.SourceTableArn) != "arn:aws:dynamodb:us-east-1:000000000000:table/src" {
		t.Fatalf("RestoreSummary = %+v", rs)
	}
	if aws.ToInt64(td.ItemCount) != 30 || len(td.GlobalSecondaryIndexes) != 1 || len(td.LocalSecondaryIndexes) != 1 ||
		aws.ToInt64(td.ProvisionedThroughput.WriteCapacityUnits) != 6 {
		t.Fatalf("TableDescription = %+v", td)
	}
	for _, idx := range []string{"", "GSI_1", "LSI_1"} {
		if n := countItems(t, c, "dst", idx); n != 30 {
			t.Errorf("%q holds %d items, want 30", idx, n)
		}
	}
	ttl, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("dst")})
	mustOK(t, err)
	if ttl.TimeToLiveDescription.TimeToLiveStatus != types.TimeToLiveStatusDisabled {
		t.Errorf("restored TTL = %v, want DISABLED: DynamoDB does not restore TTL settings", ttl.TimeToLiveDescription.TimeToLiveStatus)
	}
	dt, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("dst")})
	mustOK(t, err)
	if dt.Table.RestoreSummary == nil || aws.ToString(dt.Table.RestoreSummary.SourceBackupArn) != arn {
		t.Errorf("DescribeTable RestoreSummary = %+v", dt.Table.RestoreSummary)
	}
}

func TestBackupRestoreOverrides(t *testing.T) {
	_, c := newClient(t)
	createIndexed(t, c, "src")
	putN(t, c, "src", "a", 0, 10)
	arn := backupOf(t, c, "src", "bk1")

	t.Run("without indexes", func(t *testing.T) {
		r, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("bare"),
			GlobalSecondaryIndexOverride: []types.GlobalSecondaryIndex{}, LocalSecondaryIndexOverride: []types.LocalSecondaryIndex{}})
		mustOK(t, err)
		td := r.TableDescription
		if len(td.GlobalSecondaryIndexes)+len(td.LocalSecondaryIndexes) != 0 || len(td.AttributeDefinitions) != 2 || aws.ToInt64(td.ItemCount) != 10 {
			t.Fatalf("TableDescription = %+v", td)
		}
		_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("bare"), IndexName: aws.String("GSI_1"),
			KeyConditionExpression: aws.String("SK = :s"), ExpressionAttributeValues: map[string]types.AttributeValue{":s": &types.AttributeValueMemberS{Value: "s0001"}}})
		wantErr(t, err, "ValidationException", "")
	})
	t.Run("on demand with another index", func(t *testing.T) {
		r, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("ondemand"),
			BillingModeOverride: types.BillingModePayPerRequest,
			GlobalSecondaryIndexOverride: []types.GlobalSecondaryIndex{{IndexName: aws.String("byN"), KeySchema: keySchemaOf("N"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}}})
		mustOK(t, err)
		td := r.TableDescription
		if td.BillingModeSummary == nil || td.BillingModeSummary.BillingMode != types.BillingModePayPerRequest ||
			len(td.GlobalSecondaryIndexes) != 1 || aws.ToInt64(td.GlobalSecondaryIndexes[0].ItemCount) != 10 {
			t.Fatalf("TableDescription = %+v", td)
		}
	})
	t.Run("throughput", func(t *testing.T) {
		r, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("prov"),
			ProvisionedThroughputOverride: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(7), WriteCapacityUnits: aws.Int64(8)}})
		mustOK(t, err)
		if p := r.TableDescription.ProvisionedThroughput; aws.ToInt64(p.ReadCapacityUnits) != 7 || aws.ToInt64(p.WriteCapacityUnits) != 8 {
			t.Fatalf("ProvisionedThroughput = %+v", p)
		}
	})
	t.Run("pay per request with throughput", func(t *testing.T) {
		_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("bad"),
			BillingModeOverride:           types.BillingModePayPerRequest,
			ProvisionedThroughputOverride: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(7), WriteCapacityUnits: aws.Int64(8)}})
		wantErr(t, err, "ValidationException", "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		if _, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("bad")}); err == nil {
			t.Fatal("a failed restore left its table")
		}
	})
}

func TestBackupErrors(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "src")
	arn := backupOf(t, c, "src", "ok_name")
	missing := "arn:aws:dynamodb:us-east-1:000000000000:table/src/backup/01700000000000-deadbeef"
	cases := []struct {
		name      string
		call      func() error
		code, msg string
	}{
		{"backup name pattern", func() error {
			_, err := c.CreateBackup(ctx, &dynamodb.CreateBackupInput{TableName: aws.String("src"), BackupName: aws.String("a b")})
			return err
		},
			"ValidationException", "1 validation error detected: Value 'a b' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"backup name length", func() error {
			_, err := c.CreateBackup(ctx, &dynamodb.CreateBackupInput{TableName: aws.String("src"), BackupName: aws.String("ab")})
			return err
		},
			"ValidationException", "1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"no table", func() error {
			_, err := c.CreateBackup(ctx, &dynamodb.CreateBackupInput{TableName: aws.String("nope"), BackupName: aws.String("abc")})
			return err
		},
			"TableNotFoundException", "Table not found: nope"},
		{"describe missing", func() error {
			_, err := c.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String(missing)})
			return err
		},
			"BackupNotFoundException", "Backup not found: " + missing},
		{"short arn", func() error {
			_, err := c.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String("arn:short")})
			return err
		},
			"ValidationException", "1 validation error detected: Value 'arn:short' at 'backupArn' failed to satisfy constraint: Member must have length greater than or equal to 37"},
		{"restore missing", func() error {
			_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(missing), TargetTableName: aws.String("x1x")})
			return err
		}, "BackupNotFoundException", "Backup not found: " + missing},
		{"restore over a table", func() error {
			_, err := c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("src")})
			return err
		}, "TableAlreadyExistsException", "Table already exists: src"},
		{"list limit", func() error {
			_, err := c.ListBackups(ctx, &dynamodb.ListBackupsInput{Limit: aws.Int32(0)})
			return err
		},
			"ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"list type", func() error { _, err := c.ListBackups(ctx, &dynamodb.ListBackupsInput{BackupType: "MINE"}); return err },
			"ValidationException", "1 validation error detected: Value 'MINE' at 'backupType' failed to satisfy constraint: Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.call(), tc.code, tc.msg) })
	}
	for body, want := range map[string]string{
		`{"BackupArn":"` + arn + `","TargetTableName":"dst","BillingModeOverride":"FREE"}`:                 "1 validation error detected: Value 'FREE' at 'billingModeOverride' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
		`{"BackupArn":"` + arn + `","TargetTableName":"dst","SSESpecificationOverride":{"SSEType":"DES"}}`: "1 validation error detected: Value 'DES' at 'sSESpecificationOverride.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS]",
	} {
		status, got := post(t, e, targetPrefix+"RestoreTableFromBackup", []byte(body))
		if status != 400 || !strings.Contains(got, want) {
			t.Errorf("%s: %d %s", body, status, got)
		}
	}
	// The SDK refuses a restore without a target before sending it.
	status, body := post(t, e, targetPrefix+"RestoreTableFromBackup", []byte(`{"BackupArn":"`+arn+`"}`))
	want := `{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value null at 'targetTableName' failed to satisfy constraint: Member must not be null"}`
	if status != 400 || body != want {
		t.Errorf("restore without target = %d %s", status, body)
	}
}

func TestBackupDeleteAndOutliveTable(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "src")
	putN(t, c, "src", "a", 0, 3)
	arn := backupOf(t, c, "src", "keep")
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("src")})
	mustOK(t, err)
	if _, err := c.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String(arn)}); err != nil {
		t.Fatalf("the backup went with its table: %v", err)
	}
	_, err = c.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("src")})
	mustOK(t, err)
	if n := countItems(t, c, "src", "GSI_1"); n != 3 {
		t.Fatalf("restored GSI holds %d items", n)
	}
	del, err := c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(arn)})
	mustOK(t, err)
	if d := del.BackupDescription; d.BackupDetails.BackupStatus != types.BackupStatusDeleted || aws.ToInt64(d.SourceTableDetails.ItemCount) != 3 {
		t.Fatalf("DeleteBackup = %+v", d.BackupDetails)
	}
	_, err = c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(arn)})
	wantErr(t, err, "BackupNotFoundException", "Backup not found: "+arn)
}

func TestBackupInUse(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "src")
	arn := backupOf(t, c, "src", "busy")
	b := e.backups.get("", arn, time.Now())
	if !e.backups.use(b) { // as a restore reading it does
		t.Fatal("use refused")
	}
	_, err := c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(arn)})
	wantErr(t, err, "BackupInUseException", "")
	e.backups.release(b)
	_, err = c.DeleteBackup(ctx, &dynamodb.DeleteBackupInput{BackupArn: aws.String(arn)})
	mustOK(t, err)
}

func TestListBackups(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	_, c := newClient(t, WithClock(clock.now))
	createPKSK(t, c, "one")
	createPKSK(t, c, "two")
	var arns []string
	for i := range 5 {
		clock.set(time.Unix(1_700_000_000+int64(i)*60, 0))
		table := "one"
		if i%2 == 1 {
			table = "two"
		}
		arns = append(arns, backupOf(t, c, table, "bk"+strconv.Itoa(i)))
	}
	list := func(in *dynamodb.ListBackupsInput) ([]string, string) {
		t.Helper()
		out, err := c.ListBackups(ctx, in)
		mustOK(t, err)
		var got []string
		for _, s := range out.BackupSummaries {
			got = append(got, aws.ToString(s.BackupArn))
		}
		return got, aws.ToString(out.LastEvaluatedBackupArn)
	}
	if got, last := list(&dynamodb.ListBackupsInput{}); fmt.Sprint(got) != fmt.Sprint(arns) || last != "" {
		t.Fatalf("all = %v, %q", got, last)
	}
	if got, _ := list(&dynamodb.ListBackupsInput{TableName: aws.String("two")}); fmt.Sprint(got) != fmt.Sprint([]string{arns[1], arns[3]}) {
		t.Fatalf("two = %v", got)
	}
	lower, upper := time.Unix(1_700_000_060, 0), time.Unix(1_700_000_180, 0) // inclusive, exclusive
	if got, _ := list(&dynamodb.ListBackupsInput{TimeRangeLowerBound: &lower, TimeRangeUpperBound: &upper}); fmt.Sprint(got) != fmt.Sprint(arns[1:3]) {
		t.Fatalf("range = %v", got)
	}
	if got, _ := list(&dynamodb.ListBackupsInput{BackupType: types.BackupTypeFilterSystem}); len(got) != 0 {
		t.Fatalf("SYSTEM = %v", got)
	}
	var paged []string
	in := &dynamodb.ListBackupsInput{Limit: aws.Int32(2)}
	for range 10 {
		got, last := list(in)
		paged = append(paged, got...)
		if last == "" {
			break
		}
		in.ExclusiveStartBackupArn = aws.String(last)
	}
	if fmt.Sprint(paged) != fmt.Sprint(arns) {
		t.Fatalf("paged = %v", paged)
	}
}

func TestBackupsKeptApartByNamespace(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "src")
	arn := backupOf(t, c, "src", "mine")
	other := e.Client(func(o *dynamodb.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider("other", "secret", "")
		o.RetryMaxAttempts = 1
	})
	out, err := other.ListBackups(ctx, &dynamodb.ListBackupsInput{})
	mustOK(t, err)
	if len(out.BackupSummaries) != 0 {
		t.Fatalf("another access key lists %d backups", len(out.BackupSummaries))
	}
	_, err = other.DescribeBackup(ctx, &dynamodb.DescribeBackupInput{BackupArn: aws.String(arn)})
	wantErr(t, err, "BackupNotFoundException", "Backup not found: "+arn)
	_, err = other.RestoreTableFromBackup(ctx, &dynamodb.RestoreTableFromBackupInput{BackupArn: aws.String(arn), TargetTableName: aws.String("stolen")})
	wantErr(t, err, "BackupNotFoundException", "")
}
