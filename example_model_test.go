package db_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// The entities of the model examples.
type (
	// Team is an organisation: its items are keyed TEAM#{TeamID}.
	Team struct {
		TeamID string
		Name   string
	}
	// Issue belongs to a team, and is found by status and due date.
	Issue struct {
		TeamID  string
		IssueID string
		Status  string
		Due     time.Time
		Title   string
		Version int
	}
	// Person has an email that no one else may have.
	Person struct {
		PersonID string
		Email    string
	}
)

// byStatusDue is the index of issues by status and due date.
var byStatusDue = db.GlobalIndex("ByStatus", "GSI2PK", "GSI2SK")

// exampleModels declares the entities on a fresh table of an in-process
// engine, and creates it.
func exampleModels() (*db.Table, *db.Model[Team], *db.Model[Issue], *db.Model[Person]) {
	table := db.NewTable(local.New().Client(), "App", db.WithoutTimestamps(),
		db.WithIndexes(db.InverseGlobalIndex, byStatusDue))
	teams := db.NewModel[Team](table, "TEAM", db.Keys("TEAM#{TeamID}", "TEAM#{TeamID}"))
	issues := db.NewModel[Issue](table, "ISSUE",
		db.Keys("TEAM#{TeamID}", "ISSUE#{IssueID}"),
		db.IndexKeys(byStatusDue, "TEAM#{TeamID}", "ISSUE#{Status}#{Due}#{IssueID}"),
		db.Versioned("Version"))
	people := db.NewModel[Person](table, "PERSON", db.Keys("PERSON#{PersonID}", "PERSON"), db.Unique("Email"))
	if err := table.Create(context.Background()); err != nil {
		log.Fatal(err)
	}
	return table, teams, issues, people
}

func ExampleNewModel() {
	ctx := context.Background()
	_, teams, issues, _ := exampleModels()
	_, err := teams.Create(ctx, Team{TeamID: "core", Name: "Core"})
	fmt.Println(err)
	issue, err := issues.Create(ctx, Issue{TeamID: "core", IssueID: "1", Status: "open", Title: "Crash on start"})
	fmt.Println(issue.Version, err)
	// Reads fill the fields back, and never return another entity's item:
	// the team and the issue share the partition TEAM#core.
	got, err := issues.Get(ctx, Issue{TeamID: "core", IssueID: "1"})
	fmt.Println(got.Title, err)
	all, err := issues.Query(Issue{TeamID: "core"}).All(ctx)
	fmt.Println(len(all), err)
	// Output:
	// <nil>
	// 1 <nil>
	// Crash on start <nil>
	// 1 <nil>
}

func ExampleModel_Query() {
	ctx := context.Background()
	_, _, issues, _ := exampleModels()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	for i, due := range []int{9, 2, 5, 30} {
		_, _ = issues.Create(ctx, Issue{TeamID: "core", IssueID: fmt.Sprint(i), Status: "open", Due: day(due)})
	}
	_, _ = issues.Create(ctx, Issue{TeamID: "core", IssueID: "9", Status: "closed", Due: day(1)})
	// Open issues of the team, by due date, from the 3rd to the 10th.
	open := issues.Query(Issue{TeamID: "core", Status: "open"}).On(byStatusDue)
	due, err := open.Between(Issue{Due: day(3)}, Issue{Due: day(10)}).All(ctx)
	for _, issue := range due {
		fmt.Println(issue.IssueID, issue.Due.Format(time.DateOnly))
	}
	fmt.Println(err)
	// Output:
	// 2 2026-03-05
	// 0 2026-03-09
	// <nil>
}

func ExampleVersioned() {
	ctx := context.Background()
	_, _, issues, _ := exampleModels()
	issue, _ := issues.Create(ctx, Issue{TeamID: "core", IssueID: "1", Title: "Typo"})
	// Two people edit version 1; the second write loses.
	first, second := issue, issue
	first.Title, second.Title = "Typo in README", "Typo in docs"
	first, err := issues.Put(ctx, first)
	fmt.Println(first.Version, err)
	_, err = issues.Put(ctx, second)
	fmt.Println(errors.Is(err, db.ErrVersionConflict))
	// Output:
	// 2 <nil>
	// true
}

func ExampleUnique() {
	ctx := context.Background()
	_, _, _, people := exampleModels()
	_, err := people.Create(ctx, Person{PersonID: "alice", Email: "a@example.com"})
	fmt.Println(err)
	_, err = people.Create(ctx, Person{PersonID: "bob", Email: "a@example.com"})
	fmt.Println(errors.Is(err, db.ErrNotUnique))
	// Output:
	// <nil>
	// true
}

// TeamPage is a team with its issues, read in one query.
type TeamPage struct {
	Teams  []Team
	Issues []Issue
}

func ExampleNewCollection() {
	ctx := context.Background()
	_, teams, issues, _ := exampleModels()
	_, _ = teams.Create(ctx, Team{TeamID: "core", Name: "Core"})
	for _, id := range []string{"1", "2"} {
		_, _ = issues.Create(ctx, Issue{TeamID: "core", IssueID: id})
	}
	page := db.NewCollection[TeamPage]("team", db.PrimaryIndex, teams, issues)
	got, err := page.Query(ctx, Team{TeamID: "core"})
	fmt.Println(got.Teams[0].Name, len(got.Issues), err)
	// Delete the team with its issues.
	report, err := page.Delete(ctx, Team{TeamID: "core"})
	fmt.Println(report.Deleted, report.Next == "", err)
	// Output:
	// Core 2 <nil>
	// map[ISSUE:2 TEAM:1] true <nil>
}

func ExampleTable_AccessPatterns() {
	table, _, _, _ := exampleModels()
	fmt.Print(table.AccessPatterns())
	// Output:
	// | entity | index | partition key | sort key | key condition |
	// | --- | --- | --- | --- | --- |
	// | TEAM | primary | `PK = TEAM#{TeamID}` | `SK = TEAM#{TeamID}` | `PK = TEAM#{TeamID} AND SK = TEAM#{TeamID}` |
	// | ISSUE | primary | `PK = TEAM#{TeamID}` | `SK = ISSUE#{IssueID}` | `PK = TEAM#{TeamID} AND begins_with(SK, ISSUE#)` |
	// | ISSUE | ByStatus | `GSI2PK = TEAM#{TeamID}` | `GSI2SK = ISSUE#{Status}#{Due}#{IssueID}` | `GSI2PK = TEAM#{TeamID} AND begins_with(GSI2SK, ISSUE#)` |
	// | PERSON | primary | `PK = PERSON#{PersonID}` | `SK = PERSON` | `PK = PERSON#{PersonID} AND SK = PERSON` |
	// | guards of PERSON.Email | primary | `PK = UNIQUE#PERSON#Email#{Email}` | `SK = UNIQUE#PERSON#Email#{Email}` | `PK = UNIQUE#PERSON#Email#{Email} AND SK = UNIQUE#PERSON#Email#{Email}` |
}

func ExampleIndexFields() {
	ctx := context.Background()
	// Scores by game and season, then by points: numbers, compared as numbers.
	type Score struct {
		Player string
		Game   string
		Season int
		Points int
	}
	leaderboard := db.CompositeIndex("Leaderboard",
		[]db.KeyAttribute{db.StringKey("Game"), db.NumberKey("Season")},
		[]db.KeyAttribute{db.NumberKey("Points")})
	table := db.NewTable(local.New().Client(), "Scores", db.WithoutTimestamps(), db.WithIndexes(leaderboard))
	scores := db.NewModel[Score](table, "SCORE",
		db.Keys("PLAYER#{Player}", "GAME#{Game}#{Season}"), db.IndexFields(leaderboard))
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	for player, points := range map[string]int{"alice": 120, "bob": 95, "carol": 7} {
		_, _ = scores.Create(ctx, Score{Player: player, Game: "chess", Season: 3, Points: points})
	}
	top, err := scores.Query(Score{Game: "chess", Season: 3}).On(leaderboard).From(Score{Points: 50}).All(ctx, db.Reverse())
	for _, s := range top {
		fmt.Println(s.Player, s.Points)
	}
	fmt.Println(err)
	// Output:
	// alice 120
	// bob 95
	// <nil>
}

func ExampleTable_Terraform() {
	table, _, _, _ := exampleModels()
	tf, err := table.Terraform()
	fmt.Print(tf[:strings.Index(tf, "\n\n")+1], err, "\n")
	// Output:
	// resource "aws_dynamodb_table" "app" {
	//   name         = "App"
	//   billing_mode = "PAY_PER_REQUEST"
	//   hash_key     = "PK"
	//   range_key    = "SK"
	// <nil>
}
