package main

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db/local"
)

// toolUsage heads the help of the export and import subcommands.
var toolUsage = map[string]string{
	"export": `usage: dokklib-local export -table NAME [flags] [FILE]

Writes every item of a table to FILE (default, or "-": standard output) as
DynamoDB's export to S3 writes DYNAMODB_JSON: one {"Item":{...}} line per
item, gzipped with -gzip or when FILE ends in .gz. It reads the table with
Scans through the AWS SDK, from dokklib-local or any DynamoDB endpoint, with
the credentials of the environment (AWS_ACCESS_KEY_ID, profiles), or none.

`,
	"import": `usage: dokklib-local import -table NAME [-key KEY | -table-definition FILE.json] [flags] [FILE]

Writes the items of an export (a DYNAMODB_JSON file of {"Item":{...}} lines,
gzipped or not) read from FILE (default, or "-": standard input) to a table,
25 to a BatchWriteItem, retrying unprocessed items. With -key or
-table-definition it creates the table first, as DynamoDB's ImportTable
does; without, the table must exist.

`,
}

// toolConfig is the configuration of the export and import subcommands.
type toolConfig struct {
	name       string // "export" or "import"
	endpoint   string
	region     string
	table      string
	file       string // "" or "-": standard input or output
	gzip       bool
	key        string // import: PK:S[,SK:N]
	definition string // import: a file of TableCreationParameters
}

// runTool runs the subcommand args[0] names, export or import, and
// returns its exit code; ok is false when args name neither.
func runTool(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) == 0 || toolUsage[args[0]] == "" {
		return 0, false
	}
	c, err := parseToolFlags(args[0], args[1:], stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0, true
	case err != nil:
		return 2, true
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	n, err := c.run(ctx, stdin, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "dokklib-local %s: %v\n", c.name, err)
		return 1, true
	}
	fmt.Fprintf(stderr, "dokklib-local %s: %d items of table %s\n", c.name, n, c.table)
	return 0, true
}

// parseToolFlags parses the flags of the subcommand name; errors and
// usage go to out.
func parseToolFlags(name string, args []string, out io.Writer) (*toolConfig, error) {
	c := &toolConfig{name: name}
	fs := flag.NewFlagSet("dokklib-local "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, toolUsage[name])
		fs.PrintDefaults()
	}
	fs.StringVar(&c.endpoint, "endpoint", "http://127.0.0.1:8000", "`URL` of the DynamoDB endpoint")
	fs.StringVar(&c.region, "region", "us-east-1", "`region` to sign requests for")
	fs.StringVar(&c.table, "table", "", "`name` of the table (required)")
	if name == "export" {
		fs.BoolVar(&c.gzip, "gzip", false, "gzip the output (the default when FILE ends in .gz)")
	} else {
		fs.StringVar(&c.key, "key", "", "create an on-demand table with this key: `PK:TYPE[,SK:TYPE]`, types S, N or B")
		fs.StringVar(&c.definition, "table-definition", "", "create the table from a `file` of ImportTable's TableCreationParameters (JSON)")
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	err := c.check(fs)
	if err != nil {
		fmt.Fprintf(out, "dokklib-local %s: %v\n", name, err)
		fs.Usage()
	}
	return c, err
}

// check validates the flags and takes the FILE argument.
func (c *toolConfig) check(fs *flag.FlagSet) error {
	switch {
	case c.table == "":
		return errors.New("-table is required")
	case fs.NArg() > 1:
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args()[1:], " "))
	case c.key != "" && c.definition != "":
		return errors.New("-key and -table-definition exclude each other")
	}
	c.file = fs.Arg(0)
	if c.key != "" {
		if _, err := parseKey(c.key); err != nil {
			return fmt.Errorf("-key: %w", err)
		}
	}
	c.gzip = c.gzip || strings.HasSuffix(c.file, ".gz")
	return nil
}

// run runs the subcommand and returns how many items it moved.
func (c *toolConfig) run(ctx context.Context, stdin io.Reader, stdout io.Writer) (int64, error) {
	client, err := c.client(ctx)
	if err != nil {
		return 0, err
	}
	if c.name == "export" {
		return c.export(ctx, client, stdout)
	}
	return c.importFile(ctx, client, stdin)
}

// client returns an SDK client of the endpoint, with the environment's
// credentials, or anonymous ones (unsigned requests) when it has none.
func (c *toolConfig) client(ctx context.Context) (*dynamodb.Client, error) {
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(c.region))
	if err != nil {
		return nil, err
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		cfg.Credentials = aws.AnonymousCredentials{}
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(c.endpoint) }), nil
}

// export writes the table to the file, or to stdout.
func (c *toolConfig) export(ctx context.Context, client *dynamodb.Client, stdout io.Writer) (n int64, err error) {
	w := stdout
	if c.file != "" && c.file != "-" {
		f, err := os.Create(c.file)
		if err != nil {
			return 0, err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		w = f
	}
	if c.gzip {
		zw := gzip.NewWriter(w)
		defer func() {
			if cerr := zw.Close(); err == nil {
				err = cerr
			}
		}()
		w = zw
	}
	return local.ExportItems(ctx, client, c.table, w)
}

// importFile creates the table if asked to, then writes the file's items
// to it.
func (c *toolConfig) importFile(ctx context.Context, client *dynamodb.Client, stdin io.Reader) (int64, error) {
	in, err := c.createTableInput()
	if err != nil {
		return 0, err
	}
	if in != nil {
		if _, err := client.CreateTable(ctx, in); err != nil {
			return 0, err
		}
		if err := dynamodb.NewTableExistsWaiter(client).Wait(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName}, tableWait); err != nil {
			return 0, err
		}
	}
	r := stdin
	if c.file != "" && c.file != "-" {
		f, err := os.Open(c.file)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		r = f
	}
	return local.ImportItems(ctx, client, c.table, r)
}
