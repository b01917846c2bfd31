package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/dokklib/db/local"
)

// config is the server's configuration, from its flags.
type config struct {
	addr        string
	data        string            // "" keeps the tables in memory
	credentials map[string]string // secret by access key; empty: no authentication
	sharedDB    bool              // one namespace for every access key and region
	region      string            // of the default namespace
	maxBody     int64
	ttlInterval time.Duration
	logLevel    slog.Level
	logFormat   string
	admin       bool          // serve the admin endpoint
	faults      []local.Fault // added at start-up
	faultSeed   uint64        // 0: random
	streamMem   int64         // bytes of records each stream keeps in memory
	tokenLimit  int           // idempotency tokens remembered per namespace
	recoveryMem int64         // bytes of changes each recovery log keeps in memory
}

// parseFlags parses the command line; errors and usage go to out.
func parseFlags(args []string, out io.Writer) (*config, error) {
	c := &config{credentials: map[string]string{}}
	var port int
	fs := flag.NewFlagSet("dokklib-local", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, "usage: dokklib-local [flags]\n       dokklib-local export|import -h   (move a table to or from a file)\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8000", "`address` to listen on, host:port (loopback by default)")
	fs.IntVar(&port, "port", 0, "`port` to listen on, replacing the port of -addr")
	fs.StringVar(&c.data, "data", "", "`directory` to keep the tables in (default: in memory, lost when the server stops)")
	fs.Func("credentials", "`KEY:SECRET` to check every request's AWS Signature V4 against (repeatable, or a comma-separated list)", c.addCredentials)
	fs.BoolVar(&c.sharedDB, "shared-db", false, "keep one set of tables for every access key and region, as DynamoDB Local's -sharedDb (default: apart by access key and region)")
	fs.StringVar(&c.region, "region", "us-east-1", "`region` of requests without credentials (and of the tables' ARNs with -shared-db)")
	fs.Int64Var(&c.maxBody, "max-body", local.DefaultMaxBodyBytes, "largest request body in `bytes`")
	fs.DurationVar(&c.ttlInterval, "ttl-interval", time.Second, "how often expired TTL items are deleted (0 disables)")
	fs.TextVar(&c.logLevel, "log-level", slog.LevelInfo, "log `level`: debug (every request), info, warn or error")
	fs.StringVar(&c.logFormat, "log-format", "text", "log `format`: text or json")
	fs.BoolVar(&c.admin, "admin", false, "serve the fault-injection endpoint "+adminPrefix+"faults to loopback clients")
	fs.Func("fault", "a fault to inject from the start, as `JSON` (repeatable), e.g. {\"Op\":\"PutItem\",\"Error\":\"ThrottlingException\",\"Probability\":0.1}", c.addFault)
	fs.Int64Var(&c.streamMem, "stream-memory", local.DefaultStreamMemory, "`bytes` of records each stream keeps in memory: without -data the oldest past it are trimmed, with -data they are read from the file")
	fs.Int64Var(&c.recoveryMem, "recovery-memory", local.DefaultRecoveryMemory, "`bytes` of changes each table's point-in-time recovery log keeps in memory without -data; past it the oldest are folded in and the earliest restorable time moves up")
	fs.IntVar(&c.tokenLimit, "token-limit", local.DefaultTokenLimit, "most transaction ClientRequestTokens remembered per access key and region; past it the oldest are forgotten before their ten minutes")
	fs.Uint64Var(&c.faultSeed, "fault-seed", 0, "`seed` of the faults' probability draws (default: random)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	err := c.check(fs, port)
	if err != nil {
		fmt.Fprintln(out, "dokklib-local:", err)
		fs.Usage()
	}
	return c, err
}

// check validates the flags and applies -port to the address.
func (c *config) check(fs *flag.FlagSet, port int) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if c.logFormat != "text" && c.logFormat != "json" {
		return fmt.Errorf("-log-format %q: want text or json", c.logFormat)
	}
	if c.maxBody <= 0 {
		return errors.New("-max-body must be positive")
	}
	if c.streamMem <= 0 || c.tokenLimit <= 0 || c.recoveryMem <= 0 {
		return errors.New("-stream-memory, -recovery-memory and -token-limit must be positive")
	}
	if port < 0 || port > 65535 {
		return fmt.Errorf("-port %d is not a port", port)
	}
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		return fmt.Errorf("-addr: %w", err)
	}
	if port > 0 {
		c.addr = net.JoinHostPort(host, strconv.Itoa(port))
	}
	return nil
}

// addCredentials adds one or more comma-separated KEY:SECRET pairs.
func (c *config) addCredentials(s string) error {
	for pair := range strings.SplitSeq(s, ",") {
		key, secret, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok || key == "" || secret == "" {
			return errors.New("want ACCESS_KEY:SECRET")
		}
		c.credentials[key] = secret
	}
	return nil
}

// addFault adds a fault given in its JSON form.
func (c *config) addFault(s string) error {
	var f local.Fault
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return err
	}
	c.faults = append(c.faults, f)
	return nil
}

// engineOptions returns the engine's options for the configuration.
func (c *config) engineOptions() []local.Option {
	opts := []local.Option{
		local.WithTTLInterval(c.ttlInterval),
		local.WithCredentials(c.credentials),
		local.WithMaxBodyBytes(c.maxBody),
		local.WithRegion(c.region),
		local.WithStreamMemory(c.streamMem),
		local.WithTokenLimit(c.tokenLimit),
		local.WithRecoveryMemory(c.recoveryMem),
	}
	if c.sharedDB {
		opts = append(opts, local.WithSharedDB())
	}
	if c.faultSeed != 0 {
		opts = append(opts, local.WithFaultSeed(c.faultSeed))
	}
	return opts
}
