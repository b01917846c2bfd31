package bench

import (
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// handMarshal is what a hand-written encoder of Profile does: a floor for
// the codecs, which make the same maps and member structs.
func handMarshal(p *Profile) map[string]types.AttributeValue {
	tags := make([]types.AttributeValue, len(p.Tags))
	for i, t := range p.Tags {
		tags[i] = &types.AttributeValueMemberS{Value: t}
	}
	attrs := make(map[string]types.AttributeValue, len(p.Attrs))
	for k, v := range p.Attrs {
		attrs[k] = &types.AttributeValueMemberS{Value: v}
	}
	return map[string]types.AttributeValue{
		"ID":      &types.AttributeValueMemberS{Value: p.ID},
		"Name":    &types.AttributeValueMemberS{Value: p.Name},
		"Age":     &types.AttributeValueMemberN{Value: strconv.Itoa(p.Age)},
		"Visits":  &types.AttributeValueMemberN{Value: strconv.FormatInt(p.Visits, 10)},
		"Score":   &types.AttributeValueMemberN{Value: strconv.FormatFloat(p.Score, 'f', -1, 64)},
		"Active":  &types.AttributeValueMemberBOOL{Value: p.Active},
		"Created": &types.AttributeValueMemberS{Value: p.Created.Format(time.RFC3339Nano)},
		"Tags":    &types.AttributeValueMemberL{Value: tags},
		"Attrs":   &types.AttributeValueMemberM{Value: attrs},
		"Address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"Street": &types.AttributeValueMemberS{Value: p.Address.Street},
			"City":   &types.AttributeValueMemberS{Value: p.Address.City},
			"Zip":    &types.AttributeValueMemberN{Value: strconv.Itoa(p.Address.Zip)},
		}},
	}
}

// handUnmarshal is what a hand-written decoder of Profile does.
func handUnmarshal(m map[string]types.AttributeValue, p *Profile) error {
	var err error
	p.ID = m["ID"].(*types.AttributeValueMemberS).Value
	p.Name = m["Name"].(*types.AttributeValueMemberS).Value
	if p.Age, err = strconv.Atoi(m["Age"].(*types.AttributeValueMemberN).Value); err != nil {
		return err
	}
	if p.Visits, err = strconv.ParseInt(m["Visits"].(*types.AttributeValueMemberN).Value, 10, 64); err != nil {
		return err
	}
	if p.Score, err = strconv.ParseFloat(m["Score"].(*types.AttributeValueMemberN).Value, 64); err != nil {
		return err
	}
	p.Active = m["Active"].(*types.AttributeValueMemberBOOL).Value
	if p.Created, err = time.Parse(time.RFC3339, m["Created"].(*types.AttributeValueMemberS).Value); err != nil {
		return err
	}
	tags := m["Tags"].(*types.AttributeValueMemberL).Value
	p.Tags = make([]string, len(tags))
	for i, t := range tags {
		p.Tags[i] = t.(*types.AttributeValueMemberS).Value
	}
	attrs := m["Attrs"].(*types.AttributeValueMemberM).Value
	p.Attrs = make(map[string]string, len(attrs))
	for k, v := range attrs {
		p.Attrs[k] = v.(*types.AttributeValueMemberS).Value
	}
	a := m["Address"].(*types.AttributeValueMemberM).Value
	p.Address.Street = a["Street"].(*types.AttributeValueMemberS).Value
	p.Address.City = a["City"].(*types.AttributeValueMemberS).Value
	p.Address.Zip, err = strconv.Atoi(a["Zip"].(*types.AttributeValueMemberN).Value)
	return err
}
