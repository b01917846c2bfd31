package db

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The table's definition is its key schema and indexes, as NewTable's
// options declare them, and the TTL attribute its models declare: Create
// creates it, Diff compares it with the table that exists, and
// CloudFormation and Terraform write it for infrastructure as code.

// ttlClient is the part of a client that sets a table's TTL, which
// *dynamodb.Client has; Client does not require it.
type ttlClient interface {
	UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, opts ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
}

// ttlAttribute returns the attribute that the models declare as TTL, or "".
func (t *Table) ttlAttribute() string {
	for _, d := range t.descriptions() {
		if d.ttl != nil {
			return d.ttl.attr
		}
	}
	return ""
}

// enableTTL turns DynamoDB's TTL on for the models' TTL attribute.
func (t *Table) enableTTL(ctx context.Context) error {
	attr := t.ttlAttribute()
	if attr == "" {
		return nil
	}
	c, ok := t.client.(ttlClient)
	if !ok {
		return fmt.Errorf("db: table %s: the client cannot set TTL (UpdateTimeToLive)", t.name)
	}
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: &t.name,
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: &attr, Enabled: aws.Bool(true)}})
	if err != nil {
		return fmt.Errorf("db: table %s: enable TTL on %s: %w", t.name, attr, err)
	}
	return nil
}

// Diff compares the table's definition with the table that exists, and
// returns the differences, one a line: what is missing, and what is
// different or not declared. It returns none when they agree. Billing
// and throughput are not compared.
func (t *Table) Diff(ctx context.Context) ([]string, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	out, err := t.client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &t.name})
	var nf *types.ResourceNotFoundException
	if errors.As(err, &nf) {
		return []string{"table " + t.name + " does not exist"}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("db: describe table %s: %w", t.name, err)
	}
	want, have := t.createInput(), out.Table
	types := attributeTypes(have.AttributeDefinitions)
	var diffs []string
	if a, b := schemaText(want.KeySchema, attributeTypes(want.AttributeDefinitions)), schemaText(have.KeySchema, types); a != b {
		diffs = append(diffs, fmt.Sprintf("the table's key is %s, not %s", b, a))
	}
	diffs = append(diffs, diffIndexes(t.globalIndexes(want), describedGlobal(have), attributeTypes(want.AttributeDefinitions), types)...)
	diffs = append(diffs, diffIndexes(t.localIndexes(want), describedLocal(have), attributeTypes(want.AttributeDefinitions), types)...)
	ttl, err := t.diffTTL(ctx)
	return append(diffs, ttl...), err
}

// indexDef is an index as compared: its name, key schema and projection.
type indexDef struct {
	name       string
	keys       []types.KeySchemaElement
	projection *types.Projection
}

func (t *Table) globalIndexes(in *dynamodb.CreateTableInput) []indexDef {
	var out []indexDef
	for _, g := range in.GlobalSecondaryIndexes {
		out = append(out, indexDef{aws.ToString(g.IndexName), g.KeySchema, g.Projection})
	}
	return out
}

func (t *Table) localIndexes(in *dynamodb.CreateTableInput) []indexDef {
	var out []indexDef
	for _, l := range in.LocalSecondaryIndexes {
		out = append(out, indexDef{aws.ToString(l.IndexName), l.KeySchema, l.Projection})
	}
	return out
}

func describedGlobal(td *types.TableDescription) []indexDef {
	var out []indexDef
	for _, g := range td.GlobalSecondaryIndexes {
		out = append(out, indexDef{aws.ToString(g.IndexName), g.KeySchema, g.Projection})
	}
	return out
}

func describedLocal(td *types.TableDescription) []indexDef {
	var out []indexDef
	for _, l := range td.LocalSecondaryIndexes {
		out = append(out, indexDef{aws.ToString(l.IndexName), l.KeySchema, l.Projection})
	}
	return out
}

// diffIndexes compares declared indexes with the ones that exist.
func diffIndexes(want, have []indexDef, wantTypes, haveTypes map[string]types.ScalarAttributeType) []string {
	var diffs []string
	for _, w := range want {
		i := slices.IndexFunc(have, func(h indexDef) bool { return h.name == w.name })
		if i < 0 {
			diffs = append(diffs, "index "+w.name+" is missing")
			continue
		}
		h := have[i]
		if a, b := schemaText(w.keys, wantTypes), schemaText(h.keys, haveTypes); a != b {
			diffs = append(diffs, fmt.Sprintf("index %s's key is %s, not %s", w.name, b, a))
		}
		if a, b := projectionText(w.projection), projectionText(h.projection); a != b {
			diffs = append(diffs, fmt.Sprintf("index %s projects %s, not %s", w.name, b, a))
		}
	}
	for _, h := range have {
		if !slices.ContainsFunc(want, func(w indexDef) bool { return w.name == h.name }) {
			diffs = append(diffs, "index "+h.name+" exists, and is not declared")
		}
	}
	return diffs
}

func attributeTypes(defs []types.AttributeDefinition) map[string]types.ScalarAttributeType {
	m := map[string]types.ScalarAttributeType{}
	for _, d := range defs {
		m[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	return m
}

// schemaText writes a key schema with its types, as "(PK S HASH, SK S RANGE)".
func schemaText(ks []types.KeySchemaElement, typ map[string]types.ScalarAttributeType) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		name := aws.ToString(k.AttributeName)
		parts[i] = fmt.Sprintf("%s %s %s", name, typ[name], k.KeyType)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// projectionText writes a projection, its attributes sorted.
func projectionText(p *types.Projection) string {
	if p == nil {
		return string(types.ProjectionTypeAll)
	}
	attrs := slices.Sorted(slices.Values(p.NonKeyAttributes))
	if len(attrs) == 0 {
		return string(p.ProjectionType)
	}
	return string(p.ProjectionType) + " " + strings.Join(attrs, ", ")
}

// diffTTL compares the models' TTL attribute with the table's, when the
// client can tell.
func (t *Table) diffTTL(ctx context.Context) ([]string, error) {
	c, ok := t.client.(ttlClient)
	if !ok {
		return nil, nil
	}
	out, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: &t.name})
	if err != nil {
		return nil, fmt.Errorf("db: describe TTL of table %s: %w", t.name, err)
	}
	have := ""
	if d := out.TimeToLiveDescription; d != nil && (d.TimeToLiveStatus == types.TimeToLiveStatusEnabled || d.TimeToLiveStatus == types.TimeToLiveStatusEnabling) {
		have = aws.ToString(d.AttributeName)
	}
	if want := t.ttlAttribute(); want != have {
		return []string{fmt.Sprintf("TTL is on %q, not %q", have, want)}, nil
	}
	return nil, nil
}

// CloudFormation returns the table's definition as an AWS CloudFormation
// template (which AWS SAM takes too): one AWS::DynamoDB::Table resource,
// billed on demand, with its indexes and the models' TTL.
func (t *Table) CloudFormation() ([]byte, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	in := t.createInput()
	defs := make([]any, len(in.AttributeDefinitions))
	for i, d := range in.AttributeDefinitions {
		defs[i] = map[string]any{"AttributeName": aws.ToString(d.AttributeName), "AttributeType": string(d.AttributeType)}
	}
	props := map[string]any{
		"TableName":            t.name,
		"BillingMode":          string(in.BillingMode),
		"AttributeDefinitions": defs,
		"KeySchema":            cfnKeySchema(in.KeySchema),
	}
	if xs := t.globalIndexes(in); len(xs) > 0 {
		props["GlobalSecondaryIndexes"] = cfnIndexes(xs)
	}
	if xs := t.localIndexes(in); len(xs) > 0 {
		props["LocalSecondaryIndexes"] = cfnIndexes(xs)
	}
	if attr := t.ttlAttribute(); attr != "" {
		props["TimeToLiveSpecification"] = map[string]any{"AttributeName": attr, "Enabled": true}
	}
	template := map[string]any{
		"AWSTemplateFormatVersion": "2010-09-09",
		"Resources": map[string]any{
			logicalID(t.name): map[string]any{"Type": "AWS::DynamoDB::Table", "Properties": props},
		},
	}
	return json.MarshalIndent(template, "", "  ")
}

func cfnKeySchema(ks []types.KeySchemaElement) []any {
	out := make([]any, len(ks))
	for i, k := range ks {
		out[i] = map[string]any{"AttributeName": aws.ToString(k.AttributeName), "KeyType": string(k.KeyType)}
	}
	return out
}

func cfnIndexes(xs []indexDef) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		p := map[string]any{"ProjectionType": string(x.projection.ProjectionType)}
		if len(x.projection.NonKeyAttributes) > 0 {
			p["NonKeyAttributes"] = x.projection.NonKeyAttributes
		}
		out[i] = map[string]any{"IndexName": x.name, "KeySchema": cfnKeySchema(x.keys), "Projection": p}
	}
	return out
}

// logicalID makes a CloudFormation logical ID of a table name: its letters
// and digits.
func logicalID(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if s := b.String(); s != "" && !unicode.IsDigit(rune(s[0])) {
		return s
	}
	return "Table" + b.String()
}

// Terraform returns the table's definition as a Terraform resource of
// the AWS provider, aws_dynamodb_table, billed on demand.
func (t *Table) Terraform() (string, error) {
	if err := t.Err(); err != nil {
		return "", err
	}
	in := t.createInput()
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"aws_dynamodb_table\" %s {\n", hcl(terraformName(t.name)))
	fmt.Fprintf(&b, "  name         = %s\n  billing_mode = %s\n", hcl(t.name), hcl(string(in.BillingMode)))
	hash, rng := keyNames(in.KeySchema)
	fmt.Fprintf(&b, "  hash_key     = %s\n", hcl(hash))
	if rng != "" {
		fmt.Fprintf(&b, "  range_key    = %s\n", hcl(rng))
	}
	for _, d := range in.AttributeDefinitions {
		fmt.Fprintf(&b, "\n  attribute {\n    name = %s\n    type = %s\n  }\n", hcl(aws.ToString(d.AttributeName)), hcl(string(d.AttributeType)))
	}
	for _, x := range t.globalIndexes(in) {
		if len(x.keys) > 2 || len(x.keys) == 2 && x.keys[0].KeyType == x.keys[1].KeyType {
			return "", fmt.Errorf("%w: index %s has multi-attribute keys, which aws_dynamodb_table cannot declare (one hash_key and one range_key an index): use CloudFormation",
				ErrInvalidArgument, x.name)
		}
		writeTerraformIndex(&b, "global_secondary_index", x, true)
	}
	for _, x := range t.localIndexes(in) {
		writeTerraformIndex(&b, "local_secondary_index", x, false)
	}
	if attr := t.ttlAttribute(); attr != "" {
		fmt.Fprintf(&b, "\n  ttl {\n    attribute_name = %s\n    enabled        = true\n  }\n", hcl(attr))
	}
	b.WriteString("}\n")
	return b.String(), nil
}

func writeTerraformIndex(b *strings.Builder, block string, x indexDef, global bool) {
	hash, rng := keyNames(x.keys)
	fmt.Fprintf(b, "\n  %s {\n    name            = %s\n", block, hcl(x.name))
	if global {
		fmt.Fprintf(b, "    hash_key        = %s\n", hcl(hash))
	}
	if rng != "" {
		fmt.Fprintf(b, "    range_key       = %s\n", hcl(rng))
	}
	fmt.Fprintf(b, "    projection_type = %s\n", hcl(string(x.projection.ProjectionType)))
	if attrs := x.projection.NonKeyAttributes; len(attrs) > 0 {
		quoted := make([]string, len(attrs))
		for i, a := range attrs {
			quoted[i] = hcl(a)
		}
		fmt.Fprintf(b, "    non_key_attributes = [%s]\n", strings.Join(quoted, ", "))
	}
	b.WriteString("  }\n")
}

// keyNames returns the partition and sort key attributes of a schema.
func keyNames(ks []types.KeySchemaElement) (hash, rng string) {
	for _, k := range ks {
		if k.KeyType == types.KeyTypeHash {
			hash = aws.ToString(k.AttributeName)
		} else {
			rng = aws.ToString(k.AttributeName)
		}
	}
	return hash, rng
}

// hcl quotes a string for HCL, whose templates begin with ${ and %{.
func hcl(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// terraformName makes a Terraform resource name of a table name.
func terraformName(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) && i > 0):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
