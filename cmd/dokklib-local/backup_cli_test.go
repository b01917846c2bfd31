package main

// The AWS CLI's backup and point-in-time recovery commands against the
// built server. The shapes checked are those of the DynamoDB API
// reference; DynamoDB Local has neither, so there is no conformance case.

import (
	"fmt"
	"regexp"
	"testing"
)

func TestBackupCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("the AWS CLI takes seconds; skipped with -short")
	}
	env := clientEnv(t)
	aws := findTool(t, env, "the AWS CLI", []string{"--version"}, "/usr/bin/aws", "aws")
	cli := awsCLI{t: t, path: aws, endpoint: startServer(t, buildServer(t)), env: env}
	cli.run("create-table", "--table-name", "Music", "--billing-mode", "PAY_PER_REQUEST",
		"--attribute-definitions", "AttributeName=Artist,AttributeType=S", "--key-schema", "AttributeName=Artist,KeyType=HASH")
	for i := range 3 {
		cli.exec("put-item", "--table-name", "Music", "--item", fmt.Sprintf(`{"Artist":{"S":"a%d"}}`, i))
	}

	created := cli.run("create-backup", "--table-name", "Music", "--backup-name", "MusicBackup")
	arn, _ := lookup(created, "BackupDetails.BackupArn")
	arnPattern := regexp.MustCompile(`^arn:aws:dynamodb:us-east-1:\d{12}:table/Music/backup/\d{14}-[0-9a-f]{8}$`)
	if s, _ := arn.(string); !arnPattern.MatchString(s) {
		t.Fatalf("create-backup: BackupArn %v", arn)
	}
	wantPaths(t, "create-backup", created, map[string]any{"BackupDetails.BackupName": "MusicBackup",
		"BackupDetails.BackupStatus": "AVAILABLE", "BackupDetails.BackupType": "USER"})
	wantPaths(t, "list-backups", cli.run("list-backups", "--table-name", "Music"),
		map[string]any{"BackupSummaries.0.BackupArn": arn, "BackupSummaries.0.TableName": "Music"})
	wantPaths(t, "describe-backup", cli.run("describe-backup", "--backup-arn", arn.(string)),
		map[string]any{"BackupDescription.SourceTableDetails.ItemCount": 3.0, "BackupDescription.SourceTableDetails.BillingMode": "PAY_PER_REQUEST"})
	wantPaths(t, "restore-table-from-backup",
		cli.run("restore-table-from-backup", "--target-table-name", "MusicRestored", "--backup-arn", arn.(string)),
		map[string]any{"TableDescription.RestoreSummary.SourceBackupArn": arn, "TableDescription.ItemCount": 3.0})
	wantPaths(t, "scan", cli.run("scan", "--table-name", "MusicRestored"), map[string]any{"Count": 3.0})

	wantPaths(t, "update-continuous-backups", cli.run("update-continuous-backups", "--table-name", "Music",
		"--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true"),
		map[string]any{"ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus": "ENABLED"})
	wantPaths(t, "describe-continuous-backups", cli.run("describe-continuous-backups", "--table-name", "Music"),
		map[string]any{"ContinuousBackupsDescription.ContinuousBackupsStatus": "ENABLED",
			"ContinuousBackupsDescription.PointInTimeRecoveryDescription.RecoveryPeriodInDays": 35.0})
	wantPaths(t, "restore-table-to-point-in-time", cli.run("restore-table-to-point-in-time", "--source-table-name", "Music",
		"--target-table-name", "MusicPITR", "--use-latest-restorable-time"),
		map[string]any{"TableDescription.ItemCount": 3.0, "TableDescription.RestoreSummary.SourceTableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/Music"})

	wantPaths(t, "delete-backup", cli.run("delete-backup", "--backup-arn", arn.(string)),
		map[string]any{"BackupDescription.BackupDetails.BackupStatus": "DELETED"})
	wantPaths(t, "list-backups", cli.run("list-backups"), map[string]any{"BackupSummaries": []any{}})
}

// wantPaths checks the values at dotted paths of an output.
func wantPaths(t *testing.T, step string, out map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		got, ok := lookup(out, path)
		if !ok || fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s: %s = %v (present %v), want %v\n%v", step, path, got, ok, w, out)
		}
	}
}
