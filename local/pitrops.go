package local

import (
	"strings"
	"time"
)

// updateContinuousBackups implements UpdateContinuousBackups: enabling
// point-in-time recovery takes the table's items as the base of its log
// (O(1) in memory; copied to the data file, if any, while writes go on,
// before the answer); disabling drops base and log. Changes of recovery
// settings are made one at a time.
func (e *Engine) updateContinuousBackups(in *updateContinuousBackupsInput) (*continuousBackupsOutput, error) {
	if err := checkUpdateContinuousBackups(in); err != nil {
		return nil, err
	}
	t := e.lookupTable(*in.TableName)
	if t == nil {
		return nil, tableNotFoundExc(*in.TableName)
	}
	spec := in.PointInTimeRecoverySpecification
	e.backups.pitrMu.Lock()
	defer e.backups.pitrMu.Unlock()
	var err error
	if *spec.PointInTimeRecoveryEnabled {
		err = e.enablePITR(t, spec.RecoveryPeriodInDays)
	} else {
		err = e.disablePITR(t)
	}
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return &continuousBackupsOutput{ContinuousBackupsDescription: t.continuousBackups(e.now())}, nil
}

// checkUpdateContinuousBackups validates UpdateContinuousBackups' members.
func checkUpdateContinuousBackups(in *updateContinuousBackupsInput) error {
	if err := requireTableName(in.TableName); err != nil {
		return err
	}
	const path = "pointInTimeRecoverySpecification"
	var v violations
	spec := in.PointInTimeRecoverySpecification
	v.notNull(spec != nil, path)
	if spec != nil {
		v.notNull(spec.PointInTimeRecoveryEnabled != nil, path+".pointInTimeRecoveryEnabled")
		v.minInt(widen(spec.RecoveryPeriodInDays), 1, path+".recoveryPeriodInDays")
		v.maxInt(widen(spec.RecoveryPeriodInDays), maxRecoveryDays, path+".recoveryPeriodInDays")
	}
	return v.err()
}

// enablePITR enables point-in-time recovery of t, or changes its period.
// With a data file, the log starts at once, and the base is copied from
// a clone of the table without its lock; restores wait for it (ready).
func (e *Engine) enablePITR(t *table, days *int32) error {
	p, base, err := e.startPITR(t, days)
	if err != nil || base == nil {
		return err
	}
	if err := e.durable(t.staged.Load()); err != nil { // the base holds nothing a crash could undo
		return err
	}
	err = p.disk.fillBase(t.bucket, base)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted || t.pitr != p {
		return tableNotFoundExc(t.name)
	}
	if err != nil {
		return e.storageErr(err)
	}
	if err := e.savePITR(t, p); err != nil { // its record completes it
		return err
	}
	p.ready = true
	return nil
}

// startPITR enables point-in-time recovery of t, or changes its period,
// under t's lock. With a data file, it returns the clone of the items
// the base is to be copied from.
func (e *Engine) startPITR(t *table, days *int32) (*pitrLog, *store, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return nil, nil, tableNotFoundExc(t.name)
	}
	if p := t.pitr; p != nil {
		if days != nil {
			p.days = int(*days)
		}
		return p, nil, e.savePITR(t, p)
	}
	p := &pitrLog{now: e.now, days: defaultRecoveryDays, enabled: e.now(), disk: e.bolt(), budget: e.recoveryBudget()}
	if days != nil {
		p.days = int(*days)
	}
	base := t.items.clone()
	if p.disk == nil {
		p.base, p.ready = base, true
		base = nil
	} else if err := e.storageErr(p.disk.newRecovery(t)); err != nil {
		return nil, nil, err
	}
	t.pitr = p
	t.addConsumer(p)
	return p, base, nil
}

// disablePITR disables point-in-time recovery of t.
func (e *Engine) disablePITR(t *table) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return tableNotFoundExc(t.name)
	}
	if t.pitr == nil {
		return nil
	}
	if err := e.dropPITR(t); err != nil {
		return err
	}
	t.removeConsumer(t.pitr)
	t.pitr = nil
	return nil
}

// describeContinuousBackups implements DescribeContinuousBackups.
func (e *Engine) describeContinuousBackups(in *tableNameInput) (*continuousBackupsOutput, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	t := e.lookupTable(*in.TableName)
	if t == nil {
		return nil, tableNotFoundExc(*in.TableName)
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return &continuousBackupsOutput{ContinuousBackupsDescription: t.continuousBackups(e.now())}, nil
}

// continuousBackups describes t's continuous backups at now: always
// ENABLED, as DynamoDB's are, with the state of point-in-time recovery;
// t.mu is held.
func (t *table) continuousBackups(now time.Time) continuousBackupsDescription {
	d := continuousBackupsDescription{ContinuousBackupsStatus: "ENABLED",
		PointInTimeRecoveryDescription: pitrDescription{PointInTimeRecoveryStatus: "DISABLED"}}
	if p := t.pitr; p != nil && p.ready {
		earliest, latest := p.window(now)
		d.PointInTimeRecoveryDescription = pitrDescription{PointInTimeRecoveryStatus: "ENABLED",
			EarliestRestorableDateTime: ptr(epochSeconds(earliest)), LatestRestorableDateTime: ptr(epochSeconds(latest)),
			RecoveryPeriodInDays: ptr(p.days)}
	}
	return d
}

// restoreTableToPointInTime implements RestoreTableToPointInTime: the
// source's base and log are taken under its lock in O(1), and replayed
// up to the restore time without it.
func (e *Engine) restoreTableToPointInTime(in *restoreToPointInTimeInput) (*restoreOutput, error) {
	if err := checkRestoreToPointInTime(in); err != nil {
		return nil, err
	}
	t, err := e.restoreSource(in)
	if err != nil {
		return nil, err
	}
	view, settings, at, err := e.pitrSource(t, in)
	if err != nil {
		return nil, err
	}
	items, err := view.at(at)
	if err != nil {
		return nil, internalErr(err)
	}
	sum := restoreSummary{SourceTableArn: t.arn, RestoreDateTime: epochSeconds(at)}
	d, err := e.restoreTable(&in.restoreOverrides, settings, items, sum)
	if err != nil {
		return nil, err
	}
	return &restoreOutput{TableDescription: d}, nil
}

// checkRestoreToPointInTime validates RestoreTableToPointInTime's
// members.
func checkRestoreToPointInTime(in *restoreToPointInTimeInput) error {
	var v violations
	v.name(in.SourceTableName, "sourceTableName")
	if in.SourceTableArn != nil && (len(*in.SourceTableArn) < 1 || len(*in.SourceTableArn) > 1024) {
		v.add(quote(*in.SourceTableArn), "sourceTableArn", "Member must have length between 1 and 1024")
	}
	checkOverrides(&v, &in.restoreOverrides)
	if err := v.err(); err != nil {
		return err
	}
	if (in.SourceTableName == nil) == (in.SourceTableArn == nil) {
		return validationErr("Exactly one of SourceTableName or SourceTableArn must be specified")
	}
	if in.RestoreDateTime != nil && deref(in.UseLatestRestorableTime) {
		return validationErr("Only one of RestoreDateTime or UseLatestRestorableTime can be specified")
	}
	if in.RestoreDateTime == nil && !deref(in.UseLatestRestorableTime) {
		return validationErr("Either RestoreDateTime or UseLatestRestorableTime must be specified")
	}
	return nil
}

// restoreSource returns the table a restore names by name or ARN, or
// SourceTableNotFoundException.
func (e *Engine) restoreSource(in *restoreToPointInTimeInput) (*table, error) {
	name, given := deref(in.SourceTableName), deref(in.SourceTableName)
	if in.SourceTableArn != nil {
		given = *in.SourceTableArn
		_, name, _ = strings.Cut(given, ":table/")
		if given != e.tableARN(name) {
			name = ""
		}
	}
	if t := e.lookupTable(name); t != nil {
		return t, nil
	}
	return nil, newError("SourceTableNotFoundException", "Source table not found: "+given)
}

// pitrSource takes what a restore of t reads, under t's lock: a view of
// its recovery, its settings now (a restore takes the source's current
// indexes and throughput) and the restore time, checked against the
// recovery window.
func (e *Engine) pitrSource(t *table, in *restoreToPointInTimeInput) (pitrView, *tableRecord, time.Time, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return pitrView{}, nil, time.Time{}, newError("SourceTableNotFoundException", "Source table not found: "+t.name)
	}
	p := t.pitr
	if p == nil || !p.ready {
		return pitrView{}, nil, time.Time{}, newError("PointInTimeRecoveryUnavailableException",
			"Point in time recovery is not enabled for table '"+t.name+"'")
	}
	earliest, latest := p.window(e.now())
	at := latest
	if in.RestoreDateTime != nil {
		at = fromEpochSeconds(*in.RestoreDateTime)
		if at.Before(earliest.Truncate(time.Millisecond)) || at.After(latest) {
			return pitrView{}, nil, time.Time{}, newError("InvalidRestoreTimeException",
				"RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime")
		}
	}
	view, err := p.view(t)
	if err != nil {
		return pitrView{}, nil, time.Time{}, internalErr(err)
	}
	return view, t.settings(), at, nil
}
