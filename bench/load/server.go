package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Server is a backend running as a process of its own, reached over HTTP
// on a loopback address.
type Server struct {
	Name     string
	Endpoint string
	PID      int
	// Startup is the time from starting the process until it answered.
	Startup    time.Duration
	startupHow string
	stop       func() error
}

// CPU returns the CPU time the server process has used so far.
func (s *Server) CPU() (time.Duration, error) { return ProcCPU(s.PID) }

// Close stops the server process.
func (s *Server) Close() error {
	if s.stop == nil {
		return nil
	}
	stop := s.stop
	s.stop = nil
	return stop()
}

// maxStartup bounds how long a server may take to answer after it starts.
const maxStartup = 2 * time.Minute

// FreeAddr returns a loopback address with a port nothing listens on.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}

// StartProcess starts argv with "-addr" and a free loopback address, and
// waits until it answers DynamoDB requests there. The process gets SIGTERM
// when this one dies, and from Close.
func StartProcess(ctx context.Context, name string, argv ...string) (*Server, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], append(argv[1:], "-addr", addr)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("load: start %s: %w", name, err)
	}
	s := &Server{Name: name, Endpoint: "http://" + addr, PID: cmd.Process.Pid, stop: func() error { return stopProcess(cmd) }}
	if err := waitReady(ctx, s.Endpoint, time.Millisecond); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("load: %s: %w", name, err)
	}
	s.Startup = time.Since(start)
	s.startupHow = "process start until it answers ListTables, polled every 1 ms"
	return s, nil
}

// stopProcess ends a child process with SIGTERM, or SIGKILL if it has not
// exited after a while, and reaps it.
func stopProcess(cmd *exec.Cmd) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
		return nil
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		return <-done
	}
}

// waitReady polls the endpoint with ListTables every poll until it answers
// with status 200, for at most maxStartup.
func waitReady(ctx context.Context, endpoint string, poll time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, maxStartup)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		if err := probe(ctx, client, endpoint); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.New("did not answer in time")
		case <-time.After(poll):
		}
	}
}

// probe sends one ListTables request.
func probe(ctx context.Context, client *http.Client, endpoint string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/", bytes.NewReader([]byte("{}")))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", targetPrefix+"ListTables")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}
