package local

// registerBackups adds the operations of on-demand backups and
// point-in-time recovery to ops.
func registerBackups(ops map[string]opFunc) {
	ops["CreateBackup"] = jsonOp((*Engine).createBackup)
	ops["DescribeBackup"] = jsonOp((*Engine).describeBackup)
	ops["ListBackups"] = jsonOp((*Engine).listBackups)
	ops["DeleteBackup"] = jsonOp((*Engine).deleteBackup)
	ops["RestoreTableFromBackup"] = jsonOp((*Engine).restoreTableFromBackup)
	ops["UpdateContinuousBackups"] = jsonOp((*Engine).updateContinuousBackups)
	ops["DescribeContinuousBackups"] = jsonOp((*Engine).describeContinuousBackups)
	ops["RestoreTableToPointInTime"] = jsonOp((*Engine).restoreTableToPointInTime)
}

// loadRecovery reads what the data file keeps for recovery: backups and
// the change logs of point-in-time recovery.
func (s *boltStorage) loadRecovery(e *Engine) error {
	if err := s.loadBackups(e); err != nil {
		return err
	}
	return s.loadPITR(e)
}
