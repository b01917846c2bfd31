package local

// JSON shapes of point-in-time recovery's operations, named as in the
// DynamoDB API reference (UpdateContinuousBackups,
// DescribeContinuousBackups, RestoreTableToPointInTime).

type pitrSpecification struct {
	PointInTimeRecoveryEnabled *bool  `json:"PointInTimeRecoveryEnabled"`
	RecoveryPeriodInDays       *int32 `json:"RecoveryPeriodInDays"`
}

type updateContinuousBackupsInput struct {
	TableName                        *string            `json:"TableName"`
	PointInTimeRecoverySpecification *pitrSpecification `json:"PointInTimeRecoverySpecification"`
}

type continuousBackupsOutput struct {
	ContinuousBackupsDescription continuousBackupsDescription `json:"ContinuousBackupsDescription"`
}

type continuousBackupsDescription struct {
	ContinuousBackupsStatus        string          `json:"ContinuousBackupsStatus"`
	PointInTimeRecoveryDescription pitrDescription `json:"PointInTimeRecoveryDescription"`
}

type pitrDescription struct {
	PointInTimeRecoveryStatus  string   `json:"PointInTimeRecoveryStatus"`
	EarliestRestorableDateTime *float64 `json:"EarliestRestorableDateTime,omitempty"`
	LatestRestorableDateTime   *float64 `json:"LatestRestorableDateTime,omitempty"`
	RecoveryPeriodInDays       *int     `json:"RecoveryPeriodInDays,omitempty"`
}

type restoreToPointInTimeInput struct {
	SourceTableName         *string  `json:"SourceTableName"`
	SourceTableArn          *string  `json:"SourceTableArn"`
	RestoreDateTime         *float64 `json:"RestoreDateTime"`
	UseLatestRestorableTime *bool    `json:"UseLatestRestorableTime"`
	restoreOverrides
}
