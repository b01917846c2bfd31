package local

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The shapes these tests expect are those of the DynamoDB API reference
// (UpdateContinuousBackups, DescribeContinuousBackups,
// RestoreTableToPointInTime, PointInTimeRecoveryDescription:
// "LatestRestorableDateTime is typically 5 minutes before the current
// time", RecoveryPeriodInDays 1 to 35). DynamoDB Local has no
// point-in-time recovery, so there is no conformance case to run against
// it.

var t0 = time.Unix(1_700_000_000, 0)

// enablePITR enables point-in-time recovery of table, for days (0: the
// default).
func enablePITR(t testing.TB, c *dynamodb.Client, table string, days int32) *types.PointInTimeRecoveryDescription {
	t.Helper()
	spec := &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)}
	if days > 0 {
		spec.RecoveryPeriodInDays = aws.Int32(days)
	}
	out, err := c.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{TableName: aws.String(table), PointInTimeRecoverySpecification: spec})
	mustOK(t, err)
	return out.ContinuousBackupsDescription.PointInTimeRecoveryDescription
}

// pitrPut puts the item PK=pk, SK="x", V=v into table.
func pitrPut(t testing.TB, c *dynamodb.Client, table, pk, v string) {
	t.Helper()
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: "x"}, "V": &types.AttributeValueMemberS{Value: v}}})
	mustOK(t, err)
}

// pitrDel deletes the item PK=pk, SK="x" from table.
func pitrDel(t testing.TB, c *dynamodb.Client, table, pk string) {
	t.Helper()
	_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: "x"}}})
	mustOK(t, err)
}

// contents returns table's items as "PK=V" strings, sorted, checking that
// its GSI_1 holds as many.
func contents(t testing.TB, c *dynamodb.Client, table string) string {
	t.Helper()
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table)})
	mustOK(t, err)
	var got []string
	for _, it := range out.Items {
		got = append(got, it["PK"].(*types.AttributeValueMemberS).Value+"="+it["V"].(*types.AttributeValueMemberS).Value)
	}
	slices.Sort(got)
	if n := countItems(t, c, table, "GSI_1"); n != len(got) {
		t.Errorf("%s: GSI_1 holds %d items, the table %d", table, n, len(got))
	}
	return strings.Join(got, " ")
}

// restoreAt restores source to target at time at (zero: the latest
// restorable time).
func restoreAt(c *dynamodb.Client, source, target string, at time.Time) (*dynamodb.RestoreTableToPointInTimeOutput, error) {
	in := &dynamodb.RestoreTableToPointInTimeInput{SourceTableName: aws.String(source), TargetTableName: aws.String(target)}
	if at.IsZero() {
		in.UseLatestRestorableTime = aws.Bool(true)
	} else {
		in.RestoreDateTime = aws.Time(at)
	}
	return c.RestoreTableToPointInTime(ctx, in)
}

// history writes a table's history: enabled at t0, then a changes every
// ten minutes; it returns the contents expected at each step's time.
func history(t testing.TB, c *dynamodb.Client, clock *fakeClock, table string) []string {
	steps := []func(){
		func() { pitrPut(t, c, table, "a", "1") },
		func() { pitrPut(t, c, table, "b", "1"); pitrPut(t, c, table, "a", "2") },
		func() { pitrDel(t, c, table, "b") },
		func() { pitrPut(t, c, table, "c", "1") },
	}
	want := []string{"a=0"}
	for i, step := range steps {
		clock.set(t0.Add(time.Duration(i+1) * 10 * time.Minute))
		step()
		want = append(want, contents(t, c, table))
	}
	return want
}

func TestPITRDescribeAndRestoreToSeveralTimes(t *testing.T) {
	clock := &fakeClock{t: t0.Add(-time.Hour)}
	_, c := newClient(t, WithClock(clock.now))
	createPKSK(t, c, "src")
	pitrPut(t, c, "src", "a", "0")
	d, err := c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String("src")})
	mustOK(t, err)
	if cb := d.ContinuousBackupsDescription; cb.ContinuousBackupsStatus != types.ContinuousBackupsStatusEnabled ||
		cb.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus != types.PointInTimeRecoveryStatusDisabled ||
		cb.PointInTimeRecoveryDescription.EarliestRestorableDateTime != nil {
		t.Fatalf("before enabling: %+v", cb.PointInTimeRecoveryDescription)
	}
	clock.set(t0)
	pd := enablePITR(t, c, "src", 0)
	if pd.PointInTimeRecoveryStatus != types.PointInTimeRecoveryStatusEnabled || aws.ToInt32(pd.RecoveryPeriodInDays) != 35 ||
		!pd.EarliestRestorableDateTime.Equal(t0) || !pd.LatestRestorableDateTime.Equal(t0) {
		t.Fatalf("enabled: %+v", pd)
	}
	want := history(t, c, clock, "src")
	clock.set(t0.Add(time.Hour))
	d, err = c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String("src")})
	mustOK(t, err)
	if pd := d.ContinuousBackupsDescription.PointInTimeRecoveryDescription; !pd.EarliestRestorableDateTime.Equal(t0) ||
		!pd.LatestRestorableDateTime.Equal(clock.now().Add(-5*time.Minute)) {
		t.Fatalf("window: %v to %v", pd.EarliestRestorableDateTime, pd.LatestRestorableDateTime)
	}
	for i, w := range want {
		at := t0.Add(time.Duration(i)*10*time.Minute + 5*time.Minute)
		target := fmt.Sprintf("at%d", i)
		out, err := restoreAt(c, "src", target, at)
		mustOK(t, err)
		if got := contents(t, c, target); got != w {
			t.Errorf("at %v: %q, want %q", at.Sub(t0), got, w)
		}
		rs := out.TableDescription.RestoreSummary
		if rs == nil || !rs.RestoreDateTime.Equal(at) || aws.ToString(rs.SourceTableArn) != "arn:aws:dynamodb:us-east-1:000000000000:table/src" || rs.SourceBackupArn != nil {
			t.Errorf("RestoreSummary = %+v", rs)
		}
	}
	if _, err := restoreAt(c, "src", "latest", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := contents(t, c, "latest"); got != want[len(want)-1] {
		t.Errorf("latest: %q", got)
	}
	if got := contents(t, c, "src"); got != want[len(want)-1] {
		t.Errorf("the source changed: %q", got)
	}
}

func TestPITRRestoreWithoutIndexesByARN(t *testing.T) {
	clock := &fakeClock{t: t0}
	_, c := newClient(t, WithClock(clock.now))
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	clock.set(t0.Add(time.Minute))
	pitrPut(t, c, "src", "a", "1")
	clock.set(t0.Add(time.Hour))
	out, err := c.RestoreTableToPointInTime(ctx, &dynamodb.RestoreTableToPointInTimeInput{
		SourceTableArn: aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/src"), TargetTableName: aws.String("bare"),
		UseLatestRestorableTime: aws.Bool(true), GlobalSecondaryIndexOverride: []types.GlobalSecondaryIndex{}})
	mustOK(t, err)
	if td := out.TableDescription; len(td.GlobalSecondaryIndexes) != 0 || aws.ToInt64(td.ItemCount) != 1 || len(td.AttributeDefinitions) != 2 {
		t.Fatalf("TableDescription = %+v", td)
	}
}

func TestPITRRetention(t *testing.T) {
	clock := &fakeClock{t: t0}
	e, c := newClient(t, WithClock(clock.now))
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 1)
	day := 24 * time.Hour
	for h := range 72 { // one change an hour for three days
		clock.set(t0.Add(time.Duration(h+1) * time.Hour))
		pitrPut(t, c, "src", "a", fmt.Sprint(h+1))
	}
	tb := e.lookupTable("src")
	tb.mu.RLock()
	kept := len(tb.pitr.log)
	tb.mu.RUnlock()
	if kept != 25 { // the changes of the last day: hours 48 to 72
		t.Errorf("the log holds %d changes, want 25", kept)
	}
	now := clock.now()
	pd := enablePITR(t, c, "src", 0) // enabled already: keeps its period
	if aws.ToInt32(pd.RecoveryPeriodInDays) != 1 || !pd.EarliestRestorableDateTime.Equal(now.Add(-day)) {
		t.Fatalf("window: %+v", pd)
	}
	_, err := restoreAt(c, "src", "early", now.Add(-day-time.Second))
	wantErr(t, err, "InvalidRestoreTimeException", "RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime")
	_, err = restoreAt(c, "src", "late", now.Add(-time.Minute))
	wantErr(t, err, "InvalidRestoreTimeException", "")
	_, err = restoreAt(c, "src", "first", now.Add(-day))
	mustOK(t, err)
	if got := contents(t, c, "first"); got != "a=48" {
		t.Errorf("at the earliest restorable time: %q, want a=48", got)
	}
	_, err = restoreAt(c, "src", "later", now.Add(-day+90*time.Minute))
	mustOK(t, err)
	if got := contents(t, c, "later"); got != "a=49" {
		t.Errorf("at earliest+90m: %q, want a=49", got)
	}
	// A longer period fills as time passes: what was folded stays folded.
	pd = enablePITR(t, c, "src", 35)
	if aws.ToInt32(pd.RecoveryPeriodInDays) != 35 || !pd.EarliestRestorableDateTime.Equal(now.Add(-day)) {
		t.Fatalf("after lengthening the period: %+v", pd)
	}
	_, err = restoreAt(c, "src", "folded", now.Add(-2*day))
	wantErr(t, err, "InvalidRestoreTimeException", "")
}

func TestPITRDisable(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	out, err := c.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{TableName: aws.String("src"),
		PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(false)}})
	mustOK(t, err)
	if pd := out.ContinuousBackupsDescription.PointInTimeRecoveryDescription; pd.PointInTimeRecoveryStatus != types.PointInTimeRecoveryStatusDisabled {
		t.Fatalf("disabled: %+v", pd)
	}
	_, err = restoreAt(c, "src", "dst", time.Time{})
	wantErr(t, err, "PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table 'src'")
}

func TestPITRErrors(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "src")
	createPKSK(t, c, "off")
	enablePITR(t, c, "src", 0)
	cases := []struct {
		name, op, body, want string
	}{
		{"update missing table", "UpdateContinuousBackups", `{"TableName":"nope","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#TableNotFoundException","message":"Table not found: nope"}`},
		{"describe missing table", "DescribeContinuousBackups", `{"TableName":"nope"}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#TableNotFoundException","message":"Table not found: nope"}`},
		{"period too long", "UpdateContinuousBackups", `{"TableName":"src","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":36}}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35"}`},
		{"no specification", "UpdateContinuousBackups", `{"TableName":"src"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value null at 'pointInTimeRecoverySpecification' failed to satisfy constraint: Member must not be null"}`},
		{"not enabled", "RestoreTableToPointInTime", `{"SourceTableName":"off","TargetTableName":"dst","UseLatestRestorableTime":true}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#PointInTimeRecoveryUnavailableException","message":"Point in time recovery is not enabled for table 'off'"}`},
		{"source missing", "RestoreTableToPointInTime", `{"SourceTableName":"nope","TargetTableName":"dst","UseLatestRestorableTime":true}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#SourceTableNotFoundException","message":"Source table not found: nope"}`},
		{"source ARN of another region", "RestoreTableToPointInTime", `{"SourceTableArn":"arn:aws:dynamodb:eu-west-1:000000000000:table/src","TargetTableName":"dst","UseLatestRestorableTime":true}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#SourceTableNotFoundException","message":"Source table not found: arn:aws:dynamodb:eu-west-1:000000000000:table/src"}`},
		{"target exists", "RestoreTableToPointInTime", `{"SourceTableName":"src","TargetTableName":"off","UseLatestRestorableTime":true}`,
			`{"__type":"com.amazonaws.dynamodb.v20120810#TableAlreadyExistsException","message":"Table already exists: off"}`},
		{"bad target name", "RestoreTableToPointInTime", `{"SourceTableName":"src","TargetTableName":"a b","UseLatestRestorableTime":true}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value 'a b' at 'targetTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, e, targetPrefix+tc.op, []byte(tc.body))
			if status != 400 || body != tc.want {
				t.Errorf("%d %s\nwant 400 %s", status, body, tc.want)
			}
		})
	}
}
