package partiql_test

import (
	"fmt"

	"github.com/dokklib/db/internal/partiql"
)

func ExampleParse() {
	st, err := partiql.Parse(`SELECT Title FROM "Music" WHERE Artist = ? AND Year > 1720`)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := st.(*partiql.Select)
	fmt.Println(s.Table, s.Projection[0].Elems[0].Name, st.NumParams())

	_, err = partiql.Parse(`SELEC * FROM "Music"`)
	fmt.Println(err)
	// Output:
	// Music Title 1
	// Statement wasn't well formed, can't be processed: Expected data manipulation
}
