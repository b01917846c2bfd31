package load

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// dynamoDBLocalScript is the script that installs, starts and stops AWS's
// DynamoDB Local, relative to the repository's root.
const dynamoDBLocalScript = "scripts/dynamodb-local.sh"

// FindScript returns the path of scripts/dynamodb-local.sh in dir or the
// nearest directory above it that has one.
func FindScript(dir string) (string, error) {
	for {
		p := filepath.Join(dir, dynamoDBLocalScript)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("load: no %s here or above", dynamoDBLocalScript)
		}
		dir = parent
	}
}

// StartDynamoDBLocal starts DynamoDB Local with the script's start command
// and stops it with its stop command. Its Startup is the script's run time:
// the JVM's start until DynamoDB Local answers, polled every 200 ms.
func StartDynamoDBLocal(ctx context.Context, script string) (*Server, error) {
	start := time.Now()
	cmd := exec.CommandContext(ctx, script, "start")
	// SIGTERM, unlike SIGKILL, lets the script stop a half-started server.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("load: %s start: %w", script, err)
	}
	vars := parseVars(out)
	pid, err := strconv.Atoi(vars["PID"])
	if err != nil || vars["DYNAMODB_ENDPOINT"] == "" {
		return nil, fmt.Errorf("load: %s start printed no PID and endpoint: %q", script, out)
	}
	stop := func() error {
		c := exec.Command(script, "stop", strconv.Itoa(pid))
		c.Stdout, c.Stderr = os.Stderr, os.Stderr
		return c.Run()
	}
	return &Server{Name: DynamoDBLocal, Endpoint: vars["DYNAMODB_ENDPOINT"], PID: pid, Startup: time.Since(start), stop: stop,
		startupHow: "scripts/dynamodb-local.sh start: JVM start until it answers ListTables, polled every 200 ms"}, nil
}

// parseVars reads NAME=value lines.
func parseVars(out []byte) map[string]string {
	vars := make(map[string]string)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "="); ok {
			vars[k] = v
		}
	}
	return vars
}
