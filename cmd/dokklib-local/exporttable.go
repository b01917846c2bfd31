package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// tableWait bounds the wait for a table an import creates to be ACTIVE
// (at once with dokklib-local, within minutes with DynamoDB).
const tableWait = 5 * time.Minute

// tableCreationParameters is ImportTable's TableCreationParameters, as
// -table-definition reads it (DynamoDB API reference,
// TableCreationParameters): the SDK's shapes, whose field names are the
// API's.
type tableCreationParameters struct {
	TableName              *string
	AttributeDefinitions   []types.AttributeDefinition
	KeySchema              []types.KeySchemaElement
	BillingMode            types.BillingMode
	ProvisionedThroughput  *types.ProvisionedThroughput
	GlobalSecondaryIndexes []types.GlobalSecondaryIndex
	SSESpecification       *types.SSESpecification
}

// createTableInput returns the CreateTable request of -key or
// -table-definition, or nil for neither.
func (c *toolConfig) createTableInput() (*dynamodb.CreateTableInput, error) {
	switch {
	case c.key != "":
		return keyTable(c.table, c.key)
	case c.definition != "":
		return c.definedTable()
	}
	return nil, nil
}

// keyTable returns the CreateTable request of an on-demand table with the
// key of -key.
func keyTable(name, spec string) (*dynamodb.CreateTableInput, error) {
	defs, err := parseKey(spec)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), AttributeDefinitions: defs, BillingMode: types.BillingModePayPerRequest}
	for i, d := range defs {
		kt := types.KeyTypeHash
		if i == 1 {
			kt = types.KeyTypeRange
		}
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: d.AttributeName, KeyType: kt})
	}
	return in, nil
}

// parseKey parses -key: a partition key and an optional sort key, each
// NAME:TYPE with TYPE S, N or B.
func parseKey(spec string) ([]types.AttributeDefinition, error) {
	parts := strings.Split(spec, ",")
	if len(parts) > 2 {
		return nil, errors.New("want PK:TYPE or PK:TYPE,SK:TYPE")
	}
	var defs []types.AttributeDefinition
	for _, p := range parts {
		name, typ, ok := strings.Cut(strings.TrimSpace(p), ":")
		if !ok || name == "" || (typ != "S" && typ != "N" && typ != "B") {
			return nil, fmt.Errorf("%q: want NAME:TYPE, TYPE S, N or B", p)
		}
		defs = append(defs, types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeType(typ)})
	}
	return defs, nil
}

// definedTable reads -table-definition; its TableName, if any, must be
// -table's.
func (c *toolConfig) definedTable() (*dynamodb.CreateTableInput, error) {
	raw, err := os.ReadFile(c.definition)
	if err != nil {
		return nil, err
	}
	p, err := parseTableDefinition(raw)
	if err != nil {
		return nil, fmt.Errorf("-table-definition %s: %w", c.definition, err)
	}
	if p.TableName != nil && *p.TableName != c.table {
		return nil, fmt.Errorf("-table-definition %s names table %s, not %s", c.definition, *p.TableName, c.table)
	}
	return &dynamodb.CreateTableInput{TableName: aws.String(c.table), AttributeDefinitions: p.AttributeDefinitions,
		KeySchema: p.KeySchema, BillingMode: p.BillingMode, ProvisionedThroughput: p.ProvisionedThroughput,
		GlobalSecondaryIndexes: p.GlobalSecondaryIndexes, SSESpecification: p.SSESpecification}, nil
}

// parseTableDefinition parses a TableCreationParameters document,
// refusing members it does not know.
func parseTableDefinition(raw []byte) (*tableCreationParameters, error) {
	var p tableCreationParameters
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	if len(p.KeySchema) == 0 {
		return nil, errors.New("no KeySchema")
	}
	return &p, nil
}
