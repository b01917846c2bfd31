package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestDeleteTable covers the members of DeleteTable's answer.
func TestDeleteTable(t *testing.T) { runCases(t, deleteTableCases) }

const localDeleteShape = `DynamoDB's DeleteTable describes the table as DELETING, without key schema, attribute definitions or creation time ` +
	`(github.com/localstack/localstack tests/aws/services/dynamodb/test_dynamodb.snapshot.json, test_table_crud, recorded on DynamoDB); ` +
	`DynamoDB Local describes it in full, as ACTIVE (observed)`

// provisioned5 is hashS with 5 read and write units, as the table of
// localstack's recording.
var provisioned5 = spec(hashS, func(in *dynamodb.CreateTableInput) {
	in.BillingMode = types.BillingModeProvisioned
	in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws64(5), WriteCapacityUnits: aws64(5)}
})

var deleteTableCases = []Case{
	{Name: "DeleteTable's answer", Table: provisioned5, Steps: []Step{put(kA)}, LocalDiffers: localDeleteShape, Run: func(e *Env) {
		o := e.Call(&dynamodb.DeleteTableInput{})
		out, _ := o.out.(*dynamodb.DeleteTableOutput)
		if out == nil || out.TableDescription == nil {
			e.Fatalf("DeleteTable: %s", o.describe())
		}
		d := out.TableDescription
		if d.TableStatus != types.TableStatusDeleting || *d.ItemCount != 1 || d.TableArn == nil || d.TableId == nil ||
			d.ProvisionedThroughput == nil || *d.ProvisionedThroughput.ReadCapacityUnits != 5 {
			e.Errorf("DeleteTable: %s, want the table DELETING with its item count, ARN, ID and throughput", show(o.body))
		}
		if d.KeySchema != nil || d.AttributeDefinitions != nil || d.CreationDateTime != nil {
			e.Errorf("DeleteTable: %s, want no key schema, attribute definitions or creation time", show(o.body))
		}
	}},
}
