package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Backend names, as the results show them.
const (
	EngineHTTP    = "engine (HTTP)"
	NoopHTTP      = "no-op (HTTP)"
	DynamoDBLocal = "DynamoDB Local"
	EngineInProc  = "engine (in process)"
	NoopInProc    = "no-op (in process)"
)

// The engine's server, as BuildEngine builds it.
const (
	enginePackage = "github.com/dokklib/db/cmd/dokklib-local"
	engineBinary  = "dokklib-local"
)

// BuildEngine builds the engine's server, cmd/dokklib-local, into dir and
// returns the binary's path.
func BuildEngine(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, engineBinary)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, enginePackage)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("load: build %s: %w", enginePackage, err)
	}
	return bin, nil
}

// ServerSpec says how to start the backends that run as servers.
type ServerSpec struct {
	EngineBin []string // the engine's server and its flags, without -addr
	NoopBin   []string // the no-op server and its flags, without -addr
	// DynamoDBLocalScript is scripts/dynamodb-local.sh; "" leaves DynamoDB
	// Local out.
	DynamoDBLocalScript string
}

// StartServers starts every server the spec names. On success the caller
// closes them; on failure those started are closed already.
func StartServers(ctx context.Context, spec ServerSpec) ([]*Server, error) {
	var servers []*Server
	add := func(s *Server, err error) error {
		if err == nil {
			servers = append(servers, s)
		}
		return err
	}
	err := add(StartProcess(ctx, EngineHTTP, spec.EngineBin...))
	if err == nil {
		err = add(StartProcess(ctx, NoopHTTP, spec.NoopBin...))
	}
	if err == nil && spec.DynamoDBLocalScript != "" {
		err = add(StartDynamoDBLocal(ctx, spec.DynamoDBLocalScript))
	}
	if err != nil {
		return nil, errors.Join(err, CloseServers(servers))
	}
	return servers, nil
}

// CloseServers stops every server.
func CloseServers(servers []*Server) error {
	var errs []error
	for _, s := range servers {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// HTTPTargets returns a target for each server, with a client of workers
// connections and a workload of partitions seeded partitions.
func HTTPTargets(servers []*Server, workers, partitions int) []Target {
	targets := make([]Target, len(servers))
	for i, s := range servers {
		targets[i] = Target{
			Name:      s.Name,
			Workload:  &Workload{Client: HTTPClient(s.Endpoint, workers), Partitions: partitions},
			ServerCPU: s.CPU,
		}
	}
	return targets
}
