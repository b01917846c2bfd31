package local

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Backup types ListBackups filters on.
var backupTypes = []string{"USER", "SYSTEM", "AWS_BACKUP", "ALL"}

// listBackups implements ListBackups: the namespace's backups in order of
// creation, filtered by table, time range (lower bound inclusive, upper
// bound exclusive) and type, a page of at most Limit (default and most
// 100) at a time.
func (e *Engine) listBackups(in *listBackupsInput) (*listBackupsOutput, error) {
	if err := checkListBackups(in); err != nil {
		return nil, err
	}
	all := e.backupsMatching(in)
	start := 0
	if in.ExclusiveStartBackupArn != nil {
		after := backupOrder(*in.ExclusiveStartBackupArn)
		start, _ = slices.BinarySearchFunc(all, after, func(b *backup, k orderKey) int { return compareOrder(b.order(), k) })
		if start < len(all) && all[start].arn == *in.ExclusiveStartBackupArn {
			start++
		}
	}
	limit := 100
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	page := all[start:min(start+limit, len(all))]
	out := &listBackupsOutput{BackupSummaries: make([]backupSummary, 0, len(page))}
	for _, b := range page {
		out.BackupSummaries = append(out.BackupSummaries, b.summary())
	}
	if start+limit < len(all) {
		out.LastEvaluatedBackupArn = page[len(page)-1].arn
	}
	return out, nil
}

// checkListBackups validates ListBackups' members.
func checkListBackups(in *listBackupsInput) error {
	var v violations
	v.name(in.TableName, "tableName")
	v.minInt(widen(in.Limit), 1, "limit")
	v.maxInt(widen(in.Limit), 100, "limit")
	checkBackupARN(&v, in.ExclusiveStartBackupArn, "exclusiveStartBackupArn")
	v.enum(in.BackupType, "backupType", backupTypes...)
	return v.err()
}

// backupsMatching returns the namespace's backups that ListBackups' filters
// keep, in order of creation.
func (e *Engine) backupsMatching(in *listBackupsInput) []*backup {
	lower, upper := boundTime(in.TimeRangeLowerBound, math.Inf(-1)), boundTime(in.TimeRangeUpperBound, math.Inf(1))
	typ := deref(in.BackupType)
	if typ == "" {
		typ = backupTypeUser
	}
	now := e.now()
	e.backups.mu.Lock()
	var out []*backup
	for _, b := range e.backups.byARN {
		switch {
		case b.prefix != e.prefix, b.expired(now),
			in.TableName != nil && b.snap.settings.Name != *in.TableName,
			typ != "ALL" && typ != b.typ:
			continue
		}
		if at := epochSeconds(b.created); at >= lower && at < upper {
			out = append(out, b)
		}
	}
	e.backups.mu.Unlock()
	slices.SortFunc(out, func(a, b *backup) int { return compareOrder(a.order(), b.order()) })
	return out
}

// boundTime returns a time bound in epoch seconds, def when absent.
func boundTime(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

// orderKey orders backups: by creation time, then by ARN.
type orderKey struct {
	ms  int64
	arn string
}

// order returns the backup's place in ListBackups' order.
func (b *backup) order() orderKey { return orderKey{ms: b.created.UnixMilli(), arn: b.arn} }

// compareOrder compares two places in ListBackups' order.
func compareOrder(a, b orderKey) int {
	return cmp.Or(cmp.Compare(a.ms, b.ms), strings.Compare(a.arn, b.arn))
}

// backupOrder returns the place of the backup with ARN arn, read from the
// creation time the ARN holds, so that a page can follow a backup deleted
// since; an ARN without one sorts first.
func backupOrder(arn string) orderKey {
	_, tail, ok := strings.Cut(arn, "/backup/")
	if !ok {
		return orderKey{ms: math.MinInt64, arn: arn}
	}
	digits, _, _ := strings.Cut(tail, "-")
	ms, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return orderKey{ms: math.MinInt64, arn: arn}
	}
	return orderKey{ms: ms, arn: arn}
}

// fromEpochSeconds returns a time given in epoch seconds with a fraction,
// as DynamoDB's JSON timestamps are, to the millisecond.
func fromEpochSeconds(s float64) time.Time {
	return time.UnixMilli(int64(math.Round(s * 1000)))
}
