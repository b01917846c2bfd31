package local

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// Backup statuses and types, as the API reference spells them.
const (
	backupAvailable = "AVAILABLE"
	backupDeleted   = "DELETED"
	backupTypeUser  = "USER"
)

// backup is an on-demand backup: a snapshot of a table, kept until it is
// deleted, whatever becomes of the table.
type backup struct {
	arn     string
	name    string
	created time.Time
	prefix  string // the namespace's (see namespace.prefix)
	snap    *tableSnapshot
	typ     string    // USER, or SYSTEM for the backup of a deleted table (backupsystem.go)
	expires time.Time // when a SYSTEM backup expires; zero for USER
	using   int       // restores reading it now; guarded by backupSet.mu
}

// backupSet is an engine's backups, of every namespace, by ARN.
type backupSet struct {
	mu    sync.Mutex
	byARN map[string]*backup

	pitrMu sync.Mutex // held by each change of point-in-time recovery settings (pitrops.go)
}

// get returns the backup with the ARN arn of namespace prefix, unless it
// has expired at now, or nil.
func (s *backupSet) get(prefix, arn string, now time.Time) *backup {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.byARN[arn]; b != nil && b.prefix == prefix && !b.expired(now) {
		return b
	}
	return nil
}

// add records a backup.
func (s *backupSet) add(b *backup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byARN == nil {
		s.byARN = make(map[string]*backup)
	}
	s.byARN[b.arn] = b
}

// backupARN returns a new backup's ARN: the table's, then
// /backup/ and the creation time in epoch milliseconds, zero-padded to
// 14 digits, a dash and 8 random hexadecimal digits, as DynamoDB names
// them (the AWS CLI's create-backup example:
// table/MusicCollection/backup/01576616366715-b4e58d3a).
func backupARN(tableARN string, at time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/backup/%014d-%s", tableARN, at.UnixMilli(), hex.EncodeToString(b[:]))
}

// createBackup implements CreateBackup: it snapshots the table under its
// lock, in O(1), and copies the snapshot to the data file afterwards,
// while writes go on.
func (e *Engine) createBackup(in *createBackupInput) (*createBackupOutput, error) {
	if err := checkCreateBackup(in); err != nil {
		return nil, err
	}
	t := e.lookupTable(*in.TableName)
	if t == nil {
		return nil, tableNotFoundExc(*in.TableName)
	}
	b, err := e.takeBackup(t, *in.BackupName)
	if err != nil {
		return nil, err
	}
	if err := e.durable(t.staged.Load()); err != nil { // the snapshot holds nothing a crash could undo
		return nil, err
	}
	if err := e.saveBackup(b); err != nil {
		return nil, err
	}
	e.backups.add(b)
	return &createBackupOutput{BackupDetails: b.details(backupAvailable)}, nil
}

// checkCreateBackup validates CreateBackup's members.
func checkCreateBackup(in *createBackupInput) error {
	if err := requireTableName(in.TableName); err != nil {
		return err
	}
	var v violations
	v.notNull(in.BackupName != nil, "backupName")
	v.name(in.BackupName, "backupName")
	return v.err()
}

// takeBackup snapshots t as a backup called name.
func (e *Engine) takeBackup(t *table, name string) (*backup, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return nil, tableNotFoundExc(t.name)
	}
	at := e.now()
	return &backup{arn: backupARN(t.arn, at), name: name, created: at, prefix: e.prefix,
		snap: t.snapshot(), typ: backupTypeUser}, nil
}

// describeBackup implements DescribeBackup.
func (e *Engine) describeBackup(in *backupArnInput) (*backupDescriptionOutput, error) {
	b, err := e.findBackup(in.BackupArn)
	if err != nil {
		return nil, err
	}
	return &backupDescriptionOutput{BackupDescription: b.describe(backupAvailable)}, nil
}

// deleteBackup implements DeleteBackup: the backup is gone at once and
// described as DELETED. A backup a restore is reading is refused with
// BackupInUseException.
func (e *Engine) deleteBackup(in *backupArnInput) (*backupDescriptionOutput, error) {
	b, err := e.findBackup(in.BackupArn)
	if err != nil {
		return nil, err
	}
	e.backups.mu.Lock()
	defer e.backups.mu.Unlock()
	if e.backups.byARN[b.arn] != b {
		return nil, backupNotFoundErr(b.arn)
	}
	if b.using > 0 {
		return nil, backupInUseErr()
	}
	if b.typ == backupTypeSystem {
		return nil, validationErr("System backups cannot be deleted")
	}
	if err := e.dropBackup(b); err != nil {
		return nil, err
	}
	delete(e.backups.byARN, b.arn)
	return &backupDescriptionOutput{BackupDescription: b.describe(backupDeleted)}, nil
}

// findBackup validates a BackupArn member and returns its backup.
func (e *Engine) findBackup(arn *string) (*backup, error) {
	var v violations
	v.notNull(arn != nil, "backupArn")
	checkBackupARN(&v, arn, "backupArn")
	if err := v.err(); err != nil {
		return nil, err
	}
	b := e.backups.get(e.prefix, *arn, e.now())
	if b == nil {
		return nil, backupNotFoundErr(*arn)
	}
	return b, nil
}

// checkBackupARN applies the BackupArn member's length constraints.
func checkBackupARN(v *violations, arn *string, path string) {
	if arn == nil {
		return
	}
	if len(*arn) < 37 {
		v.add(quote(*arn), path, "Member must have length greater than or equal to 37")
	}
	if len(*arn) > 1024 {
		v.add(quote(*arn), path, "Member must have length less than or equal to 1024")
	}
}

// details returns the backup's BackupDetails.
func (b *backup) details(status string) backupDetails {
	return backupDetails{BackupArn: b.arn, BackupName: b.name, BackupSizeBytes: b.snap.bytes,
		BackupStatus: status, BackupType: b.typ, BackupCreationDateTime: epochSeconds(b.created),
		BackupExpiryDateTime: b.expiry()}
}

// summary returns the backup's BackupSummary.
func (b *backup) summary() backupSummary {
	r := b.snap.settings
	return backupSummary{TableName: r.Name, TableID: r.ID, TableArn: b.snap.arn, BackupArn: b.arn,
		BackupName: b.name, BackupCreationDateTime: epochSeconds(b.created), BackupExpiryDateTime: b.expiry(),
		BackupStatus: backupAvailable, BackupType: b.typ, BackupSizeBytes: b.snap.bytes}
}

// describe returns the backup's BackupDescription.
func (b *backup) describe(status string) backupDescription {
	return backupDescription{
		BackupDetails:             b.details(status),
		SourceTableDetails:        b.snap.sourceDetails(),
		SourceTableFeatureDetails: b.snap.featureDetails(),
	}
}

// sourceDetails returns the snapshot's table as SourceTableDetails.
func (s *tableSnapshot) sourceDetails() sourceTableDetails {
	r := s.settings
	d := sourceTableDetails{TableName: r.Name, TableID: r.ID, TableArn: s.arn, TableSizeBytes: s.bytes,
		KeySchema: r.KeySchema, TableCreationDateTime: epochSeconds(r.Created),
		ProvisionedThroughput: provisionedThroughput{ReadCapacityUnits: ptr(int64(0)), WriteCapacityUnits: ptr(int64(0))},
		ItemCount:             int64(s.count), BillingMode: r.Billing}
	if r.Capacity != nil {
		d.ProvisionedThroughput = *r.Capacity
	}
	return d
}

// featureDetails returns the snapshot's indexes, stream, TTL and
// encryption as SourceTableFeatureDetails.
func (s *tableSnapshot) featureDetails() sourceTableFeatureDetails {
	r := s.settings
	var d sourceTableFeatureDetails
	for _, x := range r.LSIs {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, indexInfo{IndexName: *x.IndexName, KeySchema: x.KeySchema, Projection: x.Projection})
	}
	for _, x := range r.GSIs {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, indexInfo{IndexName: *x.IndexName, KeySchema: x.KeySchema,
			Projection: x.Projection, ProvisionedThroughput: zeroThroughput(x.ProvisionedThroughput)})
	}
	if r.Stream != nil && deref(r.Stream.StreamEnabled) {
		d.StreamDescription = r.Stream
	}
	if r.TTL != nil && deref(r.TTL.Enabled) {
		d.TimeToLiveDescription = &ttlDescription{TimeToLiveStatus: "ENABLED", AttributeName: deref(r.TTL.AttributeName)}
	}
	return d
}

// zeroThroughput returns p, or zero capacities for none, as DynamoDB
// describes the indexes of on-demand tables.
func zeroThroughput(p *provisionedThroughput) *provisionedThroughput {
	if p != nil {
		return p
	}
	return &provisionedThroughput{ReadCapacityUnits: ptr(int64(0)), WriteCapacityUnits: ptr(int64(0))}
}

// tableNotFoundExc is the TableNotFoundException of the backup and
// point-in-time recovery operations (moto's models, as DynamoDB words it).
func tableNotFoundExc(name string) *apiError {
	return newError("TableNotFoundException", "Table not found: "+name)
}

// backupNotFoundErr is the BackupNotFoundException of a backup ARN that
// names no backup.
func backupNotFoundErr(arn string) *apiError {
	return newError("BackupNotFoundException", "Backup not found: "+arn)
}

// backupInUseErr is the BackupInUseException of a backup a restore is
// reading.
func backupInUseErr() *apiError {
	return newError("BackupInUseException", "Backup is being used to restore a table")
}
