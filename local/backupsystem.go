package local

import "time"

// System backups: "If you delete a table with point-in-time recovery
// enabled, a SYSTEM backup is automatically created and is retained for 35
// days", named table-name$DeletedTableBackup (API reference, BackupSummary;
// Developer Guide, "Point-in-time recovery: How it works").
const (
	backupTypeSystem     = "SYSTEM"
	systemBackupSuffix   = "$DeletedTableBackup"
	systemBackupLifetime = 35 * 24 * time.Hour
)

// backupDeletedTable takes the SYSTEM backup of a table just deleted, if
// its point-in-time recovery was enabled; t.mu is held for writing.
func (e *Engine) backupDeletedTable(t *table) error {
	if t.pitr == nil || !t.pitr.ready {
		return nil
	}
	at := e.now()
	b := &backup{arn: backupARN(t.arn, at), name: t.name + systemBackupSuffix, created: at, prefix: e.prefix,
		snap: t.snapshot(), typ: backupTypeSystem, expires: at.Add(systemBackupLifetime)}
	t.removeConsumer(t.pitr)
	t.pitr = nil
	if err := e.durable(t.staged.Load()); err != nil { // the snapshot holds nothing a crash could undo
		return err
	}
	if err := e.saveBackup(b); err != nil {
		return err
	}
	e.backups.add(b)
	return nil
}

// expired reports whether a SYSTEM backup is past its expiry at now.
func (b *backup) expired(now time.Time) bool {
	return !b.expires.IsZero() && !now.Before(b.expires)
}

// expiry returns the backup's BackupExpiryDateTime, nil for a USER backup.
func (b *backup) expiry() *float64 {
	if b.expires.IsZero() {
		return nil
	}
	return ptr(epochSeconds(b.expires))
}
