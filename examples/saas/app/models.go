// Package app is the backend of a small SaaS on one DynamoDB table, in
// the single-table design, written with the entity models of package db.
//
// Users sign up with an email that no one else may have; they create
// orgs, of which they are the owner, and join other orgs as members.
// Orgs have projects, whose renames are checked against the version the
// client read, and projects have tasks, each due on a date and open or
// done. The Service holds the operations; NewHandler serves them as a
// JSON API over HTTP. ACCESS_PATTERNS.md, next to the command, is the
// table's design as the models declare it.
//
// The example leaves out what a real service adds around the data:
// authentication, and the check that the caller may act on an org.
package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Org is an organisation: the tenant that members, projects and tasks
// belong to. Its items, and all its children's, are in the partition
// ORG#{OrgID}.
type Org struct {
	OrgID     string    `json:"org_id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks an org before it is written.
func (o Org) Validate() error { return required("name", o.Name) }

// User is a person who can sign in. Their email is unique among users.
type User struct {
	UserID    string    `json:"user_id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a user before it is written.
func (u User) Validate() error {
	if !strings.Contains(u.Email, "@") {
		return fmt.Errorf("email %q is not an address", u.Email)
	}
	return nil
}

// Role is what a member may do in an org.
type Role string

// The roles of members.
const (
	Owner  Role = "owner"
	Admin  Role = "admin"
	Member Role = "member"
)

// Membership says that a user is a member of an org, and in which role.
// It is read both ways: the members of an org, and the orgs of a user.
type Membership struct {
	OrgID     string    `json:"org_id"`
	UserID    string    `json:"user_id"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"joined_at"`
}

// Validate checks a membership before it is written.
func (m Membership) Validate() error {
	switch m.Role {
	case Owner, Admin, Member:
		return nil
	}
	return fmt.Errorf("role %q is not owner, admin or member", m.Role)
}

// Project is a body of work in an org. Version counts its writes, so that
// an edit based on an old read fails rather than undo another's.
type Project struct {
	OrgID     string    `json:"org_id"`
	ProjectID string    `json:"project_id"`
	Name      string    `json:"name"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks a project before it is written.
func (p Project) Validate() error { return required("name", p.Name) }

// Status is the state of a task.
type Status string

// The states of a task.
const (
	Open Status = "open"
	Done Status = "done"
)

// Validate refuses a status that is not Open or Done.
func (s Status) Validate() error {
	if s != Open && s != Done {
		return fmt.Errorf("status %q is not open or done", s)
	}
	return nil
}

// Task is a piece of work in a project, due at a time. Tasks are listed
// by project in due order, and by org and status in due order.
type Task struct {
	OrgID     string    `json:"org_id"`
	ProjectID string    `json:"project_id"`
	TaskID    string    `json:"task_id"`
	Title     string    `json:"title"`
	Status    Status    `json:"status"`
	Due       time.Time `json:"due"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a task before it is written: both listings need its
// status and due time.
func (t Task) Validate() error {
	if err := t.Status.Validate(); err != nil {
		return err
	}
	if t.Due.IsZero() {
		return errors.New("a task needs a due time")
	}
	return required("title", t.Title)
}

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	return nil
}
