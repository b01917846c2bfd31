package app

import (
	"context"
	"crypto/rand"
	"errors"
	"time"

	"github.com/dokklib/db"
)

// CreateProject creates a project, at version 1. It fails with
// db.ErrExists when the id is taken, and ErrUnknownOrg when the org does
// not exist.
func (s *Service) CreateProject(ctx context.Context, p Project) (Project, error) {
	return create(ctx, s, s.projects, p, nil, s.orgExists(p.OrgID))
}

// Projects returns the projects of an org, by id.
func (s *Service) Projects(ctx context.Context, orgID string) ([]Project, error) {
	return s.projects.Query(Project{OrgID: orgID}).All(ctx)
}

// RenameProject renames a project at the version the caller read, and
// returns it at the next version. It fails with db.ErrVersionConflict
// when the project has changed since, and db.ErrNotFound when it does not
// exist.
func (s *Service) RenameProject(ctx context.Context, orgID, projectID, name string, version int) (Project, error) {
	p := Project{OrgID: orgID, ProjectID: projectID, Name: name, Version: version}
	if version < 1 {
		return Project{}, invalid(errors.New("a rename gives the version it replaces"))
	}
	if err := p.Validate(); err != nil {
		return Project{}, invalid(err)
	}
	return s.projects.Patch(ctx, p, "Name")
}

// CreateTask creates a task in a project, open unless it says, with a
// fresh id unless it has one. It fails with ErrUnknownProject when the
// project does not exist.
func (s *Service) CreateTask(ctx context.Context, t Task) (Task, error) {
	if t.TaskID == "" {
		t.TaskID = rand.Text()
	}
	if t.Status == "" {
		t.Status = Open
	}
	t.Due = t.Due.UTC()
	return create(ctx, s, s.tasks, t, nil, s.projectExists(t.OrgID, t.ProjectID))
}

// TasksDue returns the tasks of a project due from from to to, both
// included, by due time; a zero time leaves its end of the range open.
func (s *Service) TasksDue(ctx context.Context, orgID, projectID string, from, to time.Time) ([]Task, error) {
	if !to.IsZero() && to.Before(from) {
		return nil, invalid(errors.New("the range ends before it begins"))
	}
	q := s.tasks.Query(Task{OrgID: orgID, ProjectID: projectID}).On(ByProject)
	return q.Between(Task{Due: from}, Task{Due: to}).All(ctx)
}

// ListTasks returns a page of the tasks of an org with the status, or of
// every status when it is empty, by status and then due time: up to
// limit tasks after the cursor, and in Next the cursor of the next page,
// empty after the last; a limit of 0 reads what fits in a page of
// DynamoDB's. A cursor resumes only the listing that made it: any other
// cursor fails with db.ErrInvalidArgument.
func (s *Service) ListTasks(ctx context.Context, orgID string, status Status, cursor string, limit int) (db.Page[Task], error) {
	if status != "" {
		if err := status.Validate(); err != nil {
			return db.Page[Task]{}, invalid(err)
		}
	}
	q := s.tasks.Query(Task{OrgID: orgID, Status: status}).On(ByStatus)
	return q.Page(ctx, db.Limit(limit), db.After(cursor))
}

// Overdue returns the open tasks of an org due at now or before, by due
// time.
func (s *Service) Overdue(ctx context.Context, orgID string, now time.Time) ([]Task, error) {
	return s.tasks.Query(Task{OrgID: orgID, Status: Open}).On(ByStatus).To(Task{Due: now}).All(ctx)
}

// SetTaskStatus sets the status of a task, which moves it in the
// listings by status. It fails with db.ErrVersionConflict when the task
// changes between its read and its write.
func (s *Service) SetTaskStatus(ctx context.Context, orgID, taskID string, status Status) (Task, error) {
	// Status is in GSI_3's key with Due, which a patch of Status would have
	// to give too: read the task, and put it back at the version read.
	t, err := s.tasks.Get(ctx, Task{OrgID: orgID, TaskID: taskID}, db.ConsistentRead())
	if err != nil {
		return Task{}, err
	}
	t.Status = status
	return s.tasks.Put(ctx, t)
}
