package local

// JSON shapes of the backup operations, named as in the DynamoDB API
// reference (CreateBackup, DescribeBackup, ListBackups, DeleteBackup,
// RestoreTableFromBackup).

type createBackupInput struct {
	TableName  *string `json:"TableName"`
	BackupName *string `json:"BackupName"`
}

type backupArnInput struct {
	BackupArn *string `json:"BackupArn"`
}

type createBackupOutput struct {
	BackupDetails backupDetails `json:"BackupDetails"`
}

type backupDescriptionOutput struct {
	BackupDescription backupDescription `json:"BackupDescription"`
}

// backupDetails is the API's BackupDetails.
type backupDetails struct {
	BackupArn              string   `json:"BackupArn"`
	BackupName             string   `json:"BackupName"`
	BackupSizeBytes        int64    `json:"BackupSizeBytes"`
	BackupStatus           string   `json:"BackupStatus"`
	BackupType             string   `json:"BackupType"`
	BackupCreationDateTime float64  `json:"BackupCreationDateTime"`
	BackupExpiryDateTime   *float64 `json:"BackupExpiryDateTime,omitempty"`
}

// backupDescription is the API's BackupDescription.
type backupDescription struct {
	BackupDetails             backupDetails             `json:"BackupDetails"`
	SourceTableDetails        sourceTableDetails        `json:"SourceTableDetails"`
	SourceTableFeatureDetails sourceTableFeatureDetails `json:"SourceTableFeatureDetails"`
}

// sourceTableDetails is the API's SourceTableDetails.
type sourceTableDetails struct {
	TableName             string                `json:"TableName"`
	TableID               string                `json:"TableId"`
	TableArn              string                `json:"TableArn"`
	TableSizeBytes        int64                 `json:"TableSizeBytes"`
	KeySchema             []keySchemaElement    `json:"KeySchema"`
	TableCreationDateTime float64               `json:"TableCreationDateTime"`
	ProvisionedThroughput provisionedThroughput `json:"ProvisionedThroughput"`
	ItemCount             int64                 `json:"ItemCount"`
	BillingMode           string                `json:"BillingMode"`
}

// sourceTableFeatureDetails is the API's SourceTableFeatureDetails.
type sourceTableFeatureDetails struct {
	LocalSecondaryIndexes  []indexInfo          `json:"LocalSecondaryIndexes,omitempty"`
	GlobalSecondaryIndexes []indexInfo          `json:"GlobalSecondaryIndexes,omitempty"`
	StreamDescription      *streamSpecification `json:"StreamDescription,omitempty"`
	TimeToLiveDescription  *ttlDescription      `json:"TimeToLiveDescription,omitempty"`
}

// indexInfo is the API's LocalSecondaryIndexInfo and
// GlobalSecondaryIndexInfo; only the latter has a throughput.
type indexInfo struct {
	IndexName             string                 `json:"IndexName"`
	KeySchema             []keySchemaElement     `json:"KeySchema"`
	Projection            *projectionJSON        `json:"Projection"`
	ProvisionedThroughput *provisionedThroughput `json:"ProvisionedThroughput,omitempty"`
}

// sseSpecification is the API's SSESpecification.
type sseSpecification struct {
	Enabled        *bool   `json:"Enabled"`
	SSEType        *string `json:"SSEType"`
	KMSMasterKeyID *string `json:"KMSMasterKeyId"`
}

type listBackupsInput struct {
	TableName               *string  `json:"TableName"`
	Limit                   *int32   `json:"Limit"`
	TimeRangeLowerBound     *float64 `json:"TimeRangeLowerBound"`
	TimeRangeUpperBound     *float64 `json:"TimeRangeUpperBound"`
	ExclusiveStartBackupArn *string  `json:"ExclusiveStartBackupArn"`
	BackupType              *string  `json:"BackupType"`
}

type listBackupsOutput struct {
	BackupSummaries        []backupSummary `json:"BackupSummaries"`
	LastEvaluatedBackupArn string          `json:"LastEvaluatedBackupArn,omitempty"`
}

// backupSummary is the API's BackupSummary.
type backupSummary struct {
	TableName              string   `json:"TableName"`
	TableID                string   `json:"TableId"`
	TableArn               string   `json:"TableArn"`
	BackupArn              string   `json:"BackupArn"`
	BackupName             string   `json:"BackupName"`
	BackupCreationDateTime float64  `json:"BackupCreationDateTime"`
	BackupExpiryDateTime   *float64 `json:"BackupExpiryDateTime,omitempty"`
	BackupStatus           string   `json:"BackupStatus"`
	BackupType             string   `json:"BackupType"`
	BackupSizeBytes        int64    `json:"BackupSizeBytes"`
}

// restoreOverrides are the members RestoreTableFromBackup and
// RestoreTableToPointInTime share.
type restoreOverrides struct {
	TargetTableName               *string                `json:"TargetTableName"`
	BillingModeOverride           *string                `json:"BillingModeOverride"`
	GlobalSecondaryIndexOverride  []indexJSON            `json:"GlobalSecondaryIndexOverride"`
	LocalSecondaryIndexOverride   []indexJSON            `json:"LocalSecondaryIndexOverride"`
	ProvisionedThroughputOverride *provisionedThroughput `json:"ProvisionedThroughputOverride"`
	SSESpecificationOverride      *sseSpecification      `json:"SSESpecificationOverride"`
}

type restoreFromBackupInput struct {
	BackupArn *string `json:"BackupArn"`
	restoreOverrides
}

// restoreSummary is the API's RestoreSummary of a restored table.
type restoreSummary struct {
	SourceBackupArn   string  `json:"SourceBackupArn,omitempty"`
	SourceTableArn    string  `json:"SourceTableArn,omitempty"`
	RestoreDateTime   float64 `json:"RestoreDateTime"`
	RestoreInProgress bool    `json:"RestoreInProgress"`
}
